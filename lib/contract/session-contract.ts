/**
 * The sessions API's shapes, typed once with zod: what the browser sends (a round to store, a
 * rename, an import) and what it gets back. Rounds travel as the loop's own `Round` type.
 */
import { z } from "zod";
import { LIMITS } from "../http/limits";
import { errorCodeSchema, loopSettingsSchema, loopStatusSchema, roundSchema, stepNameSchema } from "../loop/loop-schema";
import { roundIdOf } from "../loop/round-id";
import { runRecordSchema, type RunRecord } from "./run-record";
import type { Candidate, LoopSettings, LoopStatus, Round } from "../loop/loop-types";
import { candidateSchema } from "../loop/candidate-schema";
import { CANDIDATES_MAX } from "../loop/loop-limits";

export { roundSchema, candidateSchema };
export const settingsSchema = loopSettingsSchema;

const statusSchema = loopStatusSchema;

export const createSessionSchema = z
  .object({
    prompt: z.string().trim().min(1, { message: "prompt must not be empty" }).max(LIMITS.promptChars),
    settings: settingsSchema,
    /** "Compare with another profile": the session this one runs the prompt of again. */
    linkedFromId: z.uuid({ message: "linkedFromId must be a session id" }).optional(),
  })
  .strict();

export const updateSessionSchema = z
  .object({
    title: z.string().trim().min(1, { message: "title must not be empty" }).max(200).optional(),
    status: statusSchema.optional(),
    extraRefinements: z.number().int().min(0).max(100).optional(),
    /** "Keep this round": the round locked as the result; null unlocks it. */
    keptRound: z.number().int().positive().max(1000).nullable().optional(),
  })
  .strict();

export const forkSessionSchema = z.object({ roundIndex: z.number().int().positive() }).strict();

export const SESSION_EXPORT_FORMAT = "introsvg-studio-session";

const exportedSession = z.object({
  title: z.string().max(200),
  prompt: z.string().min(1).max(LIMITS.promptChars),
  settings: settingsSchema,
  status: statusSchema,
  extraRefinements: z.number().int().min(0).max(100),
  engine: z.string().max(100),
  model: z.string().max(LIMITS.modelIdChars).nullable(),
  /** Absent in files exported before profiles (those were IntroSVG's). */
  profile: z.string().max(40).optional(),
  /** Each role's model and server; absent in files exported before it was recorded. */
  run: runRecordSchema.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const currentExport = z.object({
  format: z.literal(SESSION_EXPORT_FORMAT, { message: `not an ${SESSION_EXPORT_FORMAT} file` }),
  version: z.literal(2),
  session: exportedSession,
  rounds: z.array(roundSchema).max(1000),
  /** The draft step's candidates (absent in files of sessions with one draft, or exported before candidates). */
  candidates: z.array(candidateSchema).max(CANDIDATES_MAX).optional(),
});

/**
 * Files exported before rounds named their source by index and before "stopped" was a phase:
 * a round pointed at its source's id, and a stopped step was a failure with code "stopped".
 */
const legacyRound = roundSchema.omit({ sourceIndex: true, stoppedStep: true, error: true, phase: true }).extend({
  sourceRoundId: z.string().max(100).nullable(),
  phase: z.enum(["generating", "rendering", "critiquing", "done", "failed"]),
  error: z.object({ step: stepNameSchema, code: z.union([errorCodeSchema, z.literal("stopped")]), message: z.string().max(LIMITS.messageChars) }).nullable(),
});

const legacyExport = z
  .object({
    format: z.literal(SESSION_EXPORT_FORMAT, { message: `not an ${SESSION_EXPORT_FORMAT} file` }),
    version: z.literal(1),
    session: exportedSession,
    rounds: z.array(legacyRound).max(1000),
  })
  .transform(({ session, rounds }): z.infer<typeof currentExport> => ({
    format: SESSION_EXPORT_FORMAT,
    version: 2,
    session,
    rounds: rounds.map(({ sourceRoundId, error, phase, ...round }) => {
      const stopped = error?.code === "stopped";
      return {
        ...round,
        id: roundIdOf(round.index),
        sourceIndex: rounds.find((r) => r.id === sourceRoundId)?.index ?? null,
        phase: stopped ? "stopped" : phase,
        error: error && error.code !== "stopped" ? { ...error, code: error.code } : null,
        stoppedStep: stopped ? error.step : null,
      };
    }),
  }));

// The format is checked first, so a file of another kind says so rather than naming a field.
export const sessionExportSchema = z
  .looseObject({ format: z.literal(SESSION_EXPORT_FORMAT, { message: `not an ${SESSION_EXPORT_FORMAT} file` }) })
  .pipe(z.discriminatedUnion("version", [currentExport, legacyExport], { message: "version must be 1 or 2" }));

export type SessionExport = z.output<typeof sessionExportSchema>;

/**
 * Which sessions the history lists: the studio's own, the batch page's items (each a session of
 * its job), or both (a search covers both).
 */
export const HISTORY_SOURCES = ["studio", "batch", "all"] as const;

/**
 * The largest SVG served as a history thumbnail (a round without its critic PNG); the list says
 * a session has a thumbnail only when the route will serve one.
 */
export const THUMBNAIL_SVG_BYTES = 64 * 1024;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export interface SessionSummary {
  id: string;
  title: string;
  prompt: string;
  status: LoopStatus;
  bestScore: number | null;
  bestRoundIndex: number | null;
  /** Where the best round's thumbnail is served (small, sanitized, cacheable), if it has one. */
  thumbnailUrl: string | null;
  roundCount: number;
  engine: string;
  model: string | null;
  /** The profile that wrote and judged its rounds. */
  profile: string;
  /** Run to compare with this session (same prompt, another profile). */
  linkedFromId: string | null;
  createdAt: number;
  updatedAt: number;
  /** A batch page item: its job (by name) and its id in the CSV; null for a studio session. */
  batch?: { jobId: string; jobName: string; itemId: string } | null;
}

export interface SessionDetail extends Omit<SessionSummary, "thumbnailUrl" | "roundCount"> {
  settings: LoopSettings;
  /** Each role's model and server origin; null for sessions stored before it was recorded. */
  run: RunRecord | null;
  extraRefinements: number;
  forkedFromId: string | null;
  forkedFromRound: number | null;
  rounds: Round[];
  /** The draft step's candidates, by number (none with one draft). */
  candidates?: Candidate[];
}

export interface SessionPage {
  sessions: SessionSummary[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}
