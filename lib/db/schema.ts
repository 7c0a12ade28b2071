/**
 * The studio's tables. A session is one prompt's loop with its settings; its rounds are stored
 * one row each as they complete (kind, the raw model text and the extracted SVG, finish reason
 * and truncation, the critic PNG, the critique, timings, token usage, and the error if a step
 * failed). Columns mirror `Round` in lib/loop/loop-types.ts; row-mapping.ts converts.
 */
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ErrorCode } from "../http/errors";
import type { Candidate, LoopSettings, LoopStatus, RoundKind, RoundPhase, StepName, TargetImage } from "../loop/loop-types";
import type { BatchItemOutcome } from "../contract/batch-contract";
import type { RunRecord } from "../contract/run-record";

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    prompt: text("prompt").notNull(),
    settings: text("settings", { mode: "json" }).$type<LoopSettings>().notNull(),
    status: text("status").$type<LoopStatus>().notNull(),
    extraRefinements: integer("extra_refinements").notNull().default(0),
    /** "builtin" or "remote", and the model that answered, as the status line showed them. */
    engine: text("engine").notNull(),
    model: text("model"),
    /** Each role's model and server origin (lib/profiles/resolve-run.ts); null in sessions stored before it. */
    run: text("run", { mode: "json" }).$type<RunRecord>(),
    bestScore: real("best_score"),
    bestRoundIndex: integer("best_round_index"),
    forkedFromId: text("forked_from_id"),
    forkedFromRound: integer("forked_from_round"),
    /** The profile that wrote and judged the rounds (lib/profiles); sessions stored before profiles were IntroSVG's. */
    profile: text("profile").notNull().default("intro-svg"),
    /** "Compare with another profile": the session whose prompt this one ran again with another profile. */
    linkedFromId: text("linked_from_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sessions_updated").on(t.updatedAt)],
);

export const rounds = sqliteTable(
  "rounds",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    index: integer("round_index").notNull(),
    kind: text("kind").$type<RoundKind>().notNull(),
    sourceIndex: integer("source_index"),
    phase: text("phase").$type<RoundPhase>().notNull(),
    modelText: text("model_text").notNull(),
    svg: text("svg"),
    truncated: text("truncated").$type<"length" | "unclosed">(),
    png: text("png"),
    critiqueText: text("critique_text").notNull(),
    critiqueJson: text("critique_json"),
    score: real("score"),
    finalCritique: integer("final_critique", { mode: "boolean" }).notNull().default(false),
    genModel: text("gen_model"),
    genFinishReason: text("gen_finish_reason"),
    genTtftMs: integer("gen_ttft_ms"),
    genDurationMs: integer("gen_duration_ms"),
    genInputTokens: integer("gen_input_tokens"),
    genOutputTokens: integer("gen_output_tokens"),
    criticModel: text("critic_model"),
    criticFinishReason: text("critic_finish_reason"),
    criticTtftMs: integer("critic_ttft_ms"),
    criticDurationMs: integer("critic_duration_ms"),
    criticInputTokens: integer("critic_input_tokens"),
    criticOutputTokens: integer("critic_output_tokens"),
    errorStep: text("error_step").$type<StepName>(),
    errorCode: text("error_code").$type<ErrorCode>(),
    errorMessage: text("error_message"),
    /** A "notes" round: the designer's notes it was refined from. */
    notes: text("notes"),
    /** Round 1 chosen from the draft step's candidates: which candidate it is. */
    candidate: integer("candidate"),
    /** An image session's round against its target picture: SArena's SSIM and PSNR (lib/metrics). */
    matchSsim: real("match_ssim"),
    matchPsnr: real("match_psnr"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.index] })],
);

/**
 * The draft step's candidates (settings.candidates > 1): each one a round of its own (the loop's
 * `Candidate`, stored whole as JSON: it is read and written only with its session), with the seed
 * it was sampled with and its score as columns for queries.
 */
export const candidates = sqliteTable(
  "candidates",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    seed: integer("seed").notNull(),
    score: real("score"),
    data: text("data", { mode: "json" }).$type<Candidate>().notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.number] })],
);

export type SessionRow = typeof sessions.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;

/**
 * Batch jobs started from the page. A job is a prompts CSV with loop settings and a concurrency;
 * its items are the CSV's rows, each of which becomes a session (with all its rounds, openable
 * in the studio) when it starts. Status "running" in a row whose job is not running in this
 * server process means the server stopped under it: it reads as "interrupted".
 */
export const batchJobs = sqliteTable(
  "batch_jobs",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    settings: text("settings", { mode: "json" }).$type<LoopSettings>().notNull(),
    concurrency: integer("concurrency").notNull(),
    status: text("status").$type<"running" | "done" | "cancelled" | "interrupted">().notNull(),
    total: integer("total").notNull(),
    engine: text("engine").notNull(),
    model: text("model"),
    /** Each role's model and server origin, as its items' sessions record them; null in jobs stored before it. */
    run: text("run", { mode: "json" }).$type<RunRecord>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("batch_jobs_created").on(t.createdAt)],
);

export const batchItems = sqliteTable(
  "batch_items",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => batchJobs.id, { onDelete: "cascade" }),
    /** The CSV's id (unique within the job). */
    itemId: text("item_id").notNull(),
    /** Row order in the CSV. */
    position: integer("position").notNull(),
    prompt: text("prompt").notNull(),
    /** An image row's picture (its CSV `image` column, read and scaled): the loop's target. */
    target: text("target", { mode: "json" }).$type<TargetImage>(),
    /** The item's session, once it has started; a session deleted in the studio leaves null. */
    sessionId: text("session_id").references(() => sessions.id, { onDelete: "set null" }),
    status: text("status").$type<"pending" | "running" | "done" | "failed" | "stopped">().notNull(),
    /** The outcome (lib/contract/batch-contract.ts BatchItemOutcome) once the item's loop has ended. */
    outcome: text("outcome", { mode: "json" }).$type<BatchItemOutcome>(),
    bestScore: real("best_score"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.itemId] }), index("batch_items_position").on(t.jobId, t.position), index("batch_items_session").on(t.sessionId)],
);

export type BatchJobRow = typeof batchJobs.$inferSelect;
export type BatchItemRow = typeof batchItems.$inferSelect;
