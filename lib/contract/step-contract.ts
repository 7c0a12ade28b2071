/**
 * The contract between the studio's step routes and the browser, typed once. Each step
 * (generate, critique, refine) is one AI SDK UI message stream: the model's text as text
 * parts, framed by typed data parts. The browser never sends prompt text of its own: it sends
 * the fields below and the server fills the byte-exact templates.
 */
import type { UIMessage } from "ai";
import { z } from "zod";
import type { ErrorInfo } from "../http/errors";
import { LIMITS } from "../http/limits";
import { NOTES_MAX_CHARS, STANDING_NOTES_MAX_CHARS } from "../introsvg/designer-notes";
import type { StepUsage } from "../loop/loop-types";
import { pngDataUrlSchema, PROFILE_ID_PATTERN } from "../loop/loop-schema";
import { SEED_MAX } from "../loop/loop-limits";

export type StepRole = "generate" | "critique" | "refine";

const prompt = z
  .string({ message: "prompt must be a string" })
  .trim()
  .min(1, { message: "prompt must not be empty" })
  .max(LIMITS.promptChars, { message: `prompt is longer than ${LIMITS.promptChars} characters` });

const svg = z
  .string({ message: "svg must be a string" })
  .min(1, { message: "svg must not be empty" })
  .refine((s) => new TextEncoder().encode(s).length <= LIMITS.svgBytes, {
    message: `svg is larger than ${LIMITS.svgBytes / 1024} kB`,
    params: { tooLarge: true },
  });

/** The critic's PNG, checked as a PNG (signature, at most 2048×2048, every chunk) before anything decodes it. */
const png = pngDataUrlSchema("png", "whole");

/** Which profile answers (lib/profiles); unset: the studio's default profile. */
const profile = z
  .string({ message: "profile must be a string" })
  .regex(PROFILE_ID_PATTERN, { message: "profile must be a profile id such as intro-svg" })
  .optional();

/** Notes of earlier "Your notes" rounds, which the critic judges against and the refiner keeps to. */
const standingNotes = z
  .string({ message: "standingNotes must be a string" })
  .max(STANDING_NOTES_MAX_CHARS, { message: `standingNotes are longer than ${STANDING_NOTES_MAX_CHARS} characters` })
  .optional();

/**
 * The session's target picture, as the browser scaled it (a PNG data URL, checked as a PNG
 * before anything decodes it); the step sends it only to generators that take a picture.
 */
const image = pngDataUrlSchema("image", "whole").optional();

/** One of several candidates: the seed it is sampled with (lmdeploy and vLLM take `seed`). */
const seed = z.number({ message: "seed must be a number" }).int({ message: "seed must be an integer" }).min(0).max(SEED_MAX).optional();

export const generateRequestSchema = z.object({ prompt, image, profile, seed }).strict();
export const critiqueRequestSchema = z
  .object({
    prompt,
    png,
    /** The reference schedule's last critique runs at temperature 0. */
    final: z.boolean().optional(),
    standingNotes,
    profile,
  })
  .strict();
export const refineRequestSchema = z
  .object({
    prompt,
    svg,
    critique: z.string().max(LIMITS.critiqueChars, { message: "critique is too long" }),
    suggestions: z.string().max(LIMITS.critiqueChars, { message: "suggestions are too long" }),
    /** The designer's notes; when present they replace critique and suggestions (lib/introsvg/designer-notes.ts). */
    notes: z
      .string({ message: "notes must be a string" })
      .trim()
      .min(1, { message: "notes must not be empty" })
      .max(NOTES_MAX_CHARS, { message: `notes are longer than ${NOTES_MAX_CHARS} characters` })
      .optional(),
    standingNotes,
    image,
    profile,
  })
  .strict();

export type GenerateRequest = z.infer<typeof generateRequestSchema>;
export type CritiqueRequest = z.infer<typeof critiqueRequestSchema>;
export type RefineRequest = z.infer<typeof refineRequestSchema>;

export interface StepEnd {
  /** The upstream's own finish_reason (`stop`, `length`, …) where it sent one. */
  finishReason: string;
  usage: StepUsage;
  /** Time to first token, measured at the studio server. */
  ttftMs: number | null;
  durationMs: number;
}

export interface StepError extends ErrorInfo {
  /**
   * Set by the server for upstream failures: whether the same request may succeed if tried
   * again (unreachable, dropped, timed out, 429, 5xx, lmdeploy proxy 10400/10401/10402).
   * Batch runs retry those; the studio leaves Retry to the person.
   */
  transient?: boolean;
}

export type StepDataParts = {
  stepStart: { role: StepRole; model: string };
  stepEnd: StepEnd;
  stepError: StepError;
};

export type StepUIMessage = UIMessage<never, StepDataParts>;

/** The text part id used for the model's output within a step stream. */
export const OUTPUT_PART_ID = "output";
