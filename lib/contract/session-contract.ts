/**
 * The sessions API's shapes, typed once with zod: what the browser sends (a round to store, a
 * rename, an import) and what it gets back. Rounds travel as the loop's own `Round` type.
 */
import { z } from "zod";
import { LIMITS } from "./step-contract";
import type { LoopSettings, LoopStatus, Round } from "../loop/loop-types";

const TEXT_LIMIT = 1024 * 1024;

const stepMeta = z
  .object({
    model: z.string().max(500),
    usage: z.object({ inputTokens: z.number().int().nonnegative().optional(), outputTokens: z.number().int().nonnegative().optional() }),
    ttftMs: z.number().nonnegative().nullable(),
    durationMs: z.number().nonnegative(),
    finishReason: z.string().max(100),
  })
  .nullable();

export const roundSchema = z.object({
  id: z.string().max(100),
  index: z.number().int().positive().max(1000),
  kind: z.enum(["draft", "refine", "edit"]),
  sourceRoundId: z.string().max(100).nullable(),
  phase: z.enum(["generating", "rendering", "critiquing", "done", "failed"]),
  modelText: z.string().max(TEXT_LIMIT, { message: "modelText is larger than 1 MB" }),
  svg: z.string().max(LIMITS.svgBytes, { message: "svg is larger than 512 kB" }).nullable(),
  truncated: z.enum(["length", "unclosed"]).nullable(),
  generation: stepMeta,
  png: z
    .string()
    .max(Math.ceil((LIMITS.pngBytes * 4) / 3) + 64, { message: "png is larger than 1 MB" })
    .regex(/^data:image\/png;base64,/, { message: "png must be a PNG data URL" })
    .nullable(),
  critiqueText: z.string().max(TEXT_LIMIT),
  critique: z.object({ score: z.number().min(0).max(10), critique: z.string(), suggestions: z.string() }).nullable(),
  finalCritique: z.boolean(),
  critiqueMeta: stepMeta,
  error: z.object({ step: z.enum(["generate", "render", "critique"]), code: z.string().max(100), message: z.string().max(5000) }).nullable(),
}) satisfies z.ZodType<Round>;

export const settingsSchema = z.object({
  mode: z.enum(["paper", "reference"]),
  maxRefinements: z.number().int().min(0).max(20),
  threshold: z.number().min(0).max(10),
}) satisfies z.ZodType<LoopSettings>;

const statusSchema = z.enum(["idle", "running", "paused", "stopped", "done", "failed"]) satisfies z.ZodType<LoopStatus>;

export const createSessionSchema = z
  .object({
    prompt: z.string().trim().min(1, { message: "prompt must not be empty" }).max(LIMITS.promptChars),
    settings: settingsSchema,
  })
  .strict();

export const updateSessionSchema = z
  .object({
    title: z.string().trim().min(1, { message: "title must not be empty" }).max(200).optional(),
    status: statusSchema.optional(),
    extraRefinements: z.number().int().min(0).max(100).optional(),
  })
  .strict();

export const forkSessionSchema = z.object({ roundIndex: z.number().int().positive() }).strict();

export const SESSION_EXPORT_FORMAT = "introsvg-studio-session";

export const sessionExportSchema = z.object({
  format: z.literal(SESSION_EXPORT_FORMAT, { message: `not an ${SESSION_EXPORT_FORMAT} file` }),
  version: z.literal(1),
  session: z.object({
    title: z.string().max(200),
    prompt: z.string().min(1).max(LIMITS.promptChars),
    settings: settingsSchema,
    status: statusSchema,
    extraRefinements: z.number().int().min(0).max(100),
    engine: z.string().max(100),
    model: z.string().max(500).nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
  rounds: z.array(roundSchema).max(1000),
});

export type SessionExport = z.infer<typeof sessionExportSchema>;

export interface SessionSummary {
  id: string;
  title: string;
  prompt: string;
  status: LoopStatus;
  bestScore: number | null;
  bestRoundIndex: number | null;
  /** The best round's SVG, for the thumbnail. */
  thumbnailSvg: string | null;
  roundCount: number;
  engine: string;
  model: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SessionDetail extends Omit<SessionSummary, "thumbnailSvg" | "roundCount"> {
  settings: LoopSettings;
  extraRefinements: number;
  forkedFromId: string | null;
  forkedFromRound: number | null;
  rounds: Round[];
}
