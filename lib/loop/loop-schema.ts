/**
 * The loop's types, defined once as zod schemas: TypeScript types are inferred from them
 * (loop-types.ts), and the same schemas validate rounds and settings wherever they cross a
 * boundary (stored, imported, sent). A new phase or kind is added here and nowhere else.
 */
import { z } from "zod";
import { ERROR_CODES } from "../http/errors";
import { dataUrlChars, LIMITS } from "../http/limits";
import { checkPngDataUrl, PNG_DATA_URL, PngCheckError } from "../http/png";
import type { Critique } from "../introsvg/critique-parser";
import { NOTES_MAX_CHARS } from "../introsvg/designer-notes";
import { CANDIDATES_MAX } from "./loop-limits";

export const loopModeSchema = z.enum(["paper", "reference"]);

/** A profile's id (and a profiles file's server names): written once, checked by every schema that takes one. */
export const PROFILE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A round's pixel match with the session's target picture (SArena's SSIM and PSNR, lib/metrics). */
export const imageMatchSchema = z.object({
  ssim: z.number().min(-1).max(1),
  psnr: z.number().min(0).max(100),
});

/**
 * An image session's target picture: as the browser scaled it for the model (a PNG data URL,
 * every chunk checked), its original file name and its size in pixels.
 */
export const targetImageSchema = z.object({
  png: pngDataUrlSchema("target image", "whole"),
  name: z.string().max(200),
  width: z.number().int().positive().max(2048),
  height: z.number().int().positive().max(2048),
});

export const loopSettingsSchema = z.object({
  /** "paper": stop at score ≥ threshold or after maxRefinements; "reference": the script's fixed schedule. */
  mode: loopModeSchema,
  maxRefinements: z.number().int().min(0).max(20),
  threshold: z.number().min(0).max(10),
  /** Which profile writes and judges (lib/profiles); unset: the studio's default ("intro-svg"). */
  profile: z.string().regex(PROFILE_ID_PATTERN, { message: "profile must be a profile id" }).optional(),
  /** The profile has no critic: each round is drawn and rendered, not judged, and the loop stops after it. */
  singlePass: z.boolean().optional(),
  /** "Keep this round": the round the person locked as the result (lib/loop/best-round.ts). */
  keptRound: z.number().int().positive().max(1000).optional(),
  /** Drafts asked for at once, each with a seed of its own; the best valid one (or the person's pick) goes on. Unset: 1. */
  candidates: z.number().int().min(1).max(CANDIDATES_MAX).optional(),
  /** Image to SVG: the picture the rounds are drawn from and measured against. */
  target: targetImageSchema.optional(),
});

/**
 * draft, refine (from the critic's suggestions), edit (by hand), notes (refined from the
 * designer's own notes; like a hand edit it does not spend the refinement budget), import (the
 * designer's own SVG file as the first round).
 */
export const roundKindSchema = z.enum(["draft", "refine", "edit", "notes", "import"]);
/**
 * The step a round is in. `done` is final; `failed` (with an error) and `stopped` (cut short by
 * the user, with the step it was in) wait for a Retry.
 */
export const roundPhaseSchema = z.enum(["generating", "rendering", "critiquing", "done", "failed", "stopped"]);
export const stepNameSchema = z.enum(["generate", "render", "critique"]);
export const loopStatusSchema = z.enum(["idle", "running", "paused", "stopped", "done", "failed"]);
export const errorCodeSchema = z.enum(ERROR_CODES);

/**
 * A PNG as a data URL, checked as a PNG: its length capped first, then `depth` "header" (the
 * signature and IHDR: dimensions at most 2048×2048, read before anything decodes it) or
 * "whole" (every chunk, for PNGs that are stored). Too large is marked for a 413.
 */
export function pngDataUrlSchema(field: string, depth: "header" | "whole") {
  return z.string({ message: `${field} must be a string` }).check((ctx) => {
    const url = ctx.value;
    if (url.length > dataUrlChars(LIMITS.pngBytes)) {
      ctx.issues.push({ code: "custom", input: url, message: `${field} is larger than ${LIMITS.pngBytes / 1024 / 1024} MB`, params: { tooLarge: true } });
      return;
    }
    if (!PNG_DATA_URL.test(url)) {
      ctx.issues.push({ code: "custom", input: url, message: `${field} must be a data:image/png;base64 URL` });
      return;
    }
    try {
      checkPngDataUrl(url, depth);
    } catch (e) {
      if (!(e instanceof PngCheckError)) throw e;
      ctx.issues.push({ code: "custom", input: url, message: `${field} is not an acceptable PNG: ${e.message}`, params: { tooLarge: e.tooLarge } });
    }
  });
}

export const stepUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
});

export const stepMetaSchema = z.object({
  model: z.string().max(LIMITS.modelIdChars),
  usage: stepUsageSchema,
  /** Time to first token, measured at the studio server. */
  ttftMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
  /** The upstream's own finish_reason (`stop`, `length`, …). */
  finishReason: z.string().max(100),
});

export const roundErrorSchema = z.object({
  step: stepNameSchema,
  code: errorCodeSchema,
  message: z.string().max(LIMITS.messageChars),
});

export const critiqueSchema = z.object({
  score: z.number().min(0).max(10),
  critique: z.string().max(LIMITS.critiqueChars),
  suggestions: z.string().max(LIMITS.critiqueChars),
}) satisfies z.ZodType<Critique>; // the parser's type is the model's contract; this fails on drift

export const roundSchema = z.object({
  /** Built from the index by roundIdOf, never parsed back. */
  id: z.string().max(100),
  /** 1-based position in the timeline. */
  index: z.number().int().positive().max(1000),
  kind: roundKindSchema,
  /** The round whose SVG and critique this one refined or edited. */
  sourceIndex: z.number().int().positive().max(1000).nullable(),
  phase: roundPhaseSchema,
  /** The model's raw output as streamed (for edits: the edited SVG). */
  modelText: z.string().max(LIMITS.modelTextChars, { message: "modelText is larger than 1 MB" }),
  /** The SVG extracted from modelText; null until the generation completes. */
  svg: z.string().max(LIMITS.svgBytes, { message: "svg is larger than 512 kB" }).nullable(),
  truncated: z.enum(["length", "unclosed"]).nullable(),
  generation: stepMetaSchema.nullable(),
  /** The exact PNG data URL the critic was sent. */
  png: pngDataUrlSchema("png", "whole").nullable(),
  /** The critic's raw output as streamed. */
  critiqueText: z.string().max(LIMITS.critiqueTextChars, { message: `critiqueText is longer than ${LIMITS.critiqueTextChars} characters` }),
  critique: critiqueSchema.nullable(),
  /** Critiqued at temperature 0 (the reference schedule's final critique). */
  finalCritique: z.boolean(),
  critiqueMeta: stepMetaSchema.nullable(),
  error: roundErrorSchema.nullable(),
  /** For a stopped round: the step that was cut short (Retry redoes it). */
  stoppedStep: stepNameSchema.nullable(),
  /** A "notes" round: the designer's notes it was refined from (absent in rounds stored before notes). */
  notes: z
    .string()
    .max(NOTES_MAX_CHARS, { message: `notes are longer than ${NOTES_MAX_CHARS} characters` })
    .nullable()
    .default(null),
  /** A draft that is one of several candidates (lib/loop/candidates.ts): which one (absent: not a candidate). */
  candidate: z.number().int().min(1).max(CANDIDATES_MAX).nullable().optional(),
  /** An image session's round: its render against the target picture (absent in rounds stored before images). */
  match: imageMatchSchema.nullable().default(null),
});
