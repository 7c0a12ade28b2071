/**
 * The loop's two ports. The browser plugs in HTTP step calls and a canvas rasterizer; Node
 * (batch, CLI, tests) plugs in direct upstream calls and resvg. The loop knows neither.
 */
import type { ErrorInfo } from "../http/errors";
import type { Candidate, ImageMatch, LoopSettings, LoopStatus, Round, StepMeta } from "./loop-types";

export type StepResult = { ok: true; meta: StepMeta } | { ok: false; error: ErrorInfo };

export interface StepHandlers {
  onDelta: (text: string) => void;
}

/**
 * Each call names the session's profile (unset: the studio's default). A refinement from the
 * designer's notes carries `notes`, which take the place of the critique and suggestions.
 * `standingNotes`: the notes of earlier "Your notes" rounds, which the critic judges against and
 * the refiner keeps to (lib/loop/brief.ts); absent when there are none.
 */
export interface ModelPort {
  /** `seed`: one of several candidates, each sampled with its own (lib/loop/run-candidates.ts). */
  generate(input: { prompt: string; image?: string; profile?: string; seed?: number }, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult>;
  refine(
    input: { prompt: string; svg: string; critique: string; suggestions: string; notes?: string; standingNotes?: string; image?: string; profile?: string },
    handlers: StepHandlers,
    signal: AbortSignal,
  ): Promise<StepResult>;
  critique(
    input: { prompt: string; png: string; final: boolean; standingNotes?: string; profile?: string },
    handlers: StepHandlers,
    signal: AbortSignal,
  ): Promise<StepResult>;
}

/** Renders an SVG as the critic will see it and returns a PNG data URL; throws with a reason. */
export type RasterizePort = (svg: string) => Promise<string>;

/**
 * An SVG against an image session's target picture (a PNG data URL), as SArena measures it
 * (lib/metrics): the browser draws both on canvases, Node with resvg and sharp.
 */
export type MeasurePort = (svg: string, targetPng: string) => Promise<ImageMatch>;

/**
 * Where a loop's session is kept: the browser's client of the sessions API, or the database
 * directly in Node (batch). Each round is saved as soon as a step changes it.
 */
export interface SessionPort {
  create(input: { prompt: string; settings: LoopSettings }): Promise<string>;
  saveRound(sessionId: string, round: Round): Promise<void>;
  /** A candidate of the draft step (settings.candidates > 1), stored as soon as a step changes it. */
  saveCandidate?(sessionId: string, candidate: Candidate): Promise<void>;
  update(sessionId: string, patch: { status?: LoopStatus; extraRefinements?: number; title?: string; keptRound?: number | null }): Promise<void>;
}

export type ModelRole = keyof ModelPort;
export type ModelInput = Parameters<ModelPort[ModelRole]>[0];
export type ModelCall = (input: ModelInput, handlers: StepHandlers, signal: AbortSignal) => Promise<StepResult>;

/** A port whose three steps are one call by role: the HTTP port (a route each) and Node's (runStep). */
export function modelPortOf(call: (role: ModelRole, input: ModelInput, handlers: StepHandlers, signal: AbortSignal) => Promise<StepResult>): ModelPort {
  return {
    generate: (input, handlers, signal) => call("generate", input, handlers, signal),
    refine: (input, handlers, signal) => call("refine", input, handlers, signal),
    critique: (input, handlers, signal) => call("critique", input, handlers, signal),
  };
}

/** `port` with each of its three steps wrapped the same way (timing, retries, watching results). */
export function wrapModelPort(port: ModelPort, wrap: (role: ModelRole, call: ModelCall) => ModelCall): ModelPort {
  const step = (role: ModelRole): ModelCall => wrap(role, (input, handlers, signal) => port[role](input as never, handlers, signal));
  const steps = { generate: step("generate"), refine: step("refine"), critique: step("critique") };
  return modelPortOf((role, input, handlers, signal) => steps[role](input, handlers, signal));
}
