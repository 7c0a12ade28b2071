/**
 * The loop's two ports. The browser plugs in HTTP step calls and a canvas rasterizer; Node
 * (batch, CLI, tests) plugs in direct upstream calls and resvg. The loop knows neither.
 */
import type { ErrorInfo } from "../http/errors";
import type { Candidate, LoopSettings, LoopStatus, Round, StepMeta } from "./loop-types";

export type StepResult = { ok: true; meta: StepMeta } | { ok: false; error: ErrorInfo };

export interface StepHandlers {
  onDelta: (text: string) => void;
}

/**
 * Each call names the session's profile (unset: the studio's default). A refinement from the
 * designer's notes carries `notes`, which take the place of the critique and suggestions.
 */
export interface ModelPort {
  /** `seed`: one of several candidates, each sampled with its own (lib/loop/run-candidates.ts). */
  generate(input: { prompt: string; profile?: string; seed?: number }, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult>;
  refine(
    input: { prompt: string; svg: string; critique: string; suggestions: string; notes?: string; profile?: string },
    handlers: StepHandlers,
    signal: AbortSignal,
  ): Promise<StepResult>;
  critique(input: { prompt: string; png: string; final: boolean; profile?: string }, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult>;
}

/** Renders an SVG as the critic will see it and returns a PNG data URL; throws with a reason. */
export type RasterizePort = (svg: string) => Promise<string>;

/**
 * Where a loop's session is kept: the browser's client of the sessions API, or the database
 * directly in Node (batch). Each round is saved as soon as a step changes it.
 */
export interface SessionPort {
  create(input: { prompt: string; settings: LoopSettings }): Promise<string>;
  saveRound(sessionId: string, round: Round): Promise<void>;
  /** A candidate of the draft step (settings.candidates > 1), stored as soon as a step changes it. */
  saveCandidate?(sessionId: string, candidate: Candidate): Promise<void>;
  update(sessionId: string, patch: { status?: LoopStatus; extraRefinements?: number; title?: string }): Promise<void>;
}
