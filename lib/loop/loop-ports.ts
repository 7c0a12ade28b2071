/**
 * The loop's two ports. The browser plugs in HTTP step calls and a canvas rasterizer; Node
 * (batch, CLI, tests) plugs in direct upstream calls and resvg. The loop knows neither.
 */
import type { ErrorInfo } from "../http/errors";
import type { StepMeta } from "./loop-types";

export type StepResult = { ok: true; meta: StepMeta } | { ok: false; error: ErrorInfo };

export interface StepHandlers {
  onDelta: (text: string) => void;
}

export interface ModelPort {
  generate(input: { prompt: string }, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult>;
  refine(
    input: { prompt: string; svg: string; critique: string; suggestions: string },
    handlers: StepHandlers,
    signal: AbortSignal,
  ): Promise<StepResult>;
  critique(input: { prompt: string; png: string; final: boolean }, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult>;
}

/** Renders an SVG as the critic will see it and returns a PNG data URL; throws with a reason. */
export type RasterizePort = (svg: string) => Promise<string>;
