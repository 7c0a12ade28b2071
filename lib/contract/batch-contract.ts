/**
 * Batch runs' shapes, typed once: what a finished item amounts to (its outcome), the summary
 * figures the CLI prints and the page shows, and the batch API's requests and answers. Shared by
 * lib/batch (the runner), the routes and the browser.
 */
import { z } from "zod";
import { LIMITS } from "../http/limits";
import { errorCodeSchema, loopSettingsSchema, pngDataUrlSchema, stepNameSchema } from "../loop/loop-schema";
import type { LoopSettings } from "../loop/loop-types";
import type { RunRecord } from "./run-record";

/** Where an item is: not started, running now, or how its loop ended. */
export type BatchItemStatus = "pending" | "running" | "done" | "failed" | "stopped";

export const batchItemErrorSchema = z.object({
  step: stepNameSchema,
  code: errorCodeSchema,
  message: z.string().max(LIMITS.messageChars),
  /** The upstream failure may pass if tried again (retries were spent on it): a re-run tries it. */
  transient: z.boolean(),
});
export type BatchItemError = z.infer<typeof batchItemErrorSchema>;

/** What one item's loop amounted to, computed from its rounds (batch-summary.ts). */
export const batchItemOutcomeSchema = z.object({
  id: z.string(),
  status: z.enum(["done", "failed", "stopped"]),
  rounds: z.number().int().nonnegative(),
  draftScore: z.number().nullable(),
  bestScore: z.number().nullable(),
  bestRoundIndex: z.number().int().positive().nullable(),
  /** At least one round's SVG rendered (the render success rate counts these). */
  rendered: z.boolean(),
  /** Output tokens of every step of every round, as the server reported them. */
  outputTokens: z.number().int().nonnegative(),
  /** Wall time spent on the item, over every run that worked on it. */
  elapsedMs: z.number().nonnegative(),
  error: batchItemErrorSchema.nullable(),
  /**
   * An image row (its CSV `image` column): every measured round's SSIM and PSNR against the
   * picture, and the best round's. Absent for text rows and outcomes stored before images.
   */
  match: z
    .object({
      rounds: z.array(z.object({ round: z.number().int().positive(), ssim: z.number(), psnr: z.number() })),
      bestSsim: z.number().nullable(),
      bestPsnr: z.number().nullable(),
    })
    .optional(),
});
export type BatchItemOutcome = z.infer<typeof batchItemOutcomeSchema>;

/** The figures at the end of a run (and live on the page); means are null with nothing to average. */
export interface BatchSummary {
  items: number;
  finished: number;
  done: number;
  failed: number;
  stopped: number;
  /** Render success rate: finished items with at least one SVG that rendered ÷ finished items. */
  renderSuccessRate: number | null;
  meanDraftScore: number | null;
  meanBestScore: number | null;
  /** Finished items whose best score reached the threshold ÷ finished items. */
  thresholdShare: number | null;
  meanRounds: number | null;
  meanOutputTokens: number | null;
  meanItemMs: number | null;
  /** Failed items by error code (upstream:http, truncated, unparsable_critique, …). */
  failuresByCause: Record<string, number>;
  /** Image rows: the mean SSIM and PSNR of their best rounds against their pictures (null without image rows). */
  meanSsim: number | null;
  meanPsnr: number | null;
}

/** The mean critic score of the rounds at each position (1 = the draft) across items. */
export interface RoundMean {
  round: number;
  meanScore: number | null;
  count: number;
  /** Image rows: the mean SSIM and PSNR of the rounds at this position. */
  meanSsim?: number;
  meanPsnr?: number;
}

// ---- The batch API (the page) ----

/** A prompts CSV is read in the browser and sent as text; 1,400 prompts take ~150 kB. */
export const MAX_CSV_CHARS = 8 * 1024 * 1024;
export const MAX_BATCH_CONCURRENCY = 64;

export const createBatchJobSchema = z
  .object({
    /** The CSV file's name, shown in the list of jobs. */
    name: z.string().trim().min(1, { message: "name must not be empty" }).max(200),
    csv: z.string().min(1, { message: "the CSV is empty" }).max(MAX_CSV_CHARS, { message: "the CSV is larger than 8 MB" }),
    settings: loopSettingsSchema,
    concurrency: z.number().int().min(1).max(MAX_BATCH_CONCURRENCY),
    /**
     * The pictures of the CSV's image rows, sent with it: file name (or path) → the picture as
     * the browser scaled it (a PNG data URL). A row's `image` is looked up by its path, then by
     * its file name.
     */
    images: z.record(z.string().max(500), pngDataUrlSchema("image", "whole")).optional(),
  })
  .strict();
/** Pictures a page job may bring (each at most LIMITS.pngBytes once scaled). */
export const MAX_BATCH_IMAGES = 200;
export type CreateBatchJob = z.infer<typeof createBatchJobSchema>;

/** POST …/resume: `retryFailed` also runs the job's failed items again. */
export const resumeBatchJobSchema = z.object({ retryFailed: z.boolean().default(false) }).strict();

/**
 * A job's state. "interrupted": it was running when the server stopped (found so on the next
 * start); Resume continues it like a cancelled one.
 */
export type BatchJobStatus = "running" | "done" | "cancelled" | "interrupted";

export interface BatchJobSummary {
  id: string;
  name: string;
  status: BatchJobStatus;
  settings: LoopSettings;
  concurrency: number;
  total: number;
  finished: number;
  failed: number;
  engine: string;
  model: string | null;
  /** Each role's model and server origin; null for jobs stored before it was recorded. */
  run: RunRecord | null;
  createdAt: number;
  updatedAt: number;
}

export interface BatchItemView {
  id: string;
  prompt: string;
  status: BatchItemStatus;
  sessionId: string | null;
  bestScore: number | null;
  bestRoundIndex: number | null;
  rounds: number;
  /** The best round's SVG for the thumbnail (shown as a sanitized image, never inline). */
  thumbnailSvg: string | null;
  /** The item's latest round that has a drawing (shown while it runs), with its score once critiqued. */
  latestRound: { index: number; svg: string; score: number | null } | null;
  /** An image row: the best round's SSIM and PSNR against its picture (null for text rows, or before it is measured). */
  match: { ssim: number; psnr: number } | null;
  error: { code: string; message: string } | null;
}

export type BatchItemSort = "id" | "score";
export type BatchItemFilter = "all" | "failed";

export interface BatchJobDetail extends BatchJobSummary {
  summary: BatchSummary;
  roundMeans: RoundMean[];
  /** One page of items, sorted and filtered as asked. */
  items: BatchItemView[];
  /** How many items match the filter (the page shows `items.length` of them). */
  matching: number;
}
