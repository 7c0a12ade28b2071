/**
 * One whole loop for a driver that keeps its state in a plain variable (a Node script, a batch
 * item, a test): the run controller the studio uses, with the state held here. Returns the
 * final state once the loop has ended and its saves have settled.
 */
import type { ModelPort, MeasurePort, RasterizePort, SessionPort } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { createRunController, type StoredLoop } from "./run-controller";

export interface RunToEndOptions {
  prompt: string;
  settings: LoopSettings;
  model: ModelPort;
  rasterize: RasterizePort;
  measure?: MeasurePort;
  /** Aborting stops the step in flight (the upstream sees the connection close). */
  signal?: AbortSignal;
  /** Told of every event with the state it led to (progress, logs). */
  onEvent?: (event: LoopEvent, state: LoopState) => void;
  /** Where each round is saved as soon as a step changes it. */
  sessions?: SessionPort;
  /** Continue a stored loop (a failed or stopped step is tried again) instead of starting anew. */
  from?: StoredLoop;
}

export async function runLoopToEnd(options: RunToEndOptions): Promise<LoopState> {
  let state = INITIAL_LOOP_STATE;
  const controller = createRunController({
    model: options.model,
    rasterize: options.rasterize,
    measure: options.measure,
    sessions: options.sessions,
    getState: () => state,
    apply: (event) => {
      state = loopReducer(state, event);
      options.onEvent?.(event, state);
    },
  });
  const stop = () => void controller.stop();
  options.signal?.addEventListener("abort", stop, { once: true });
  try {
    if (options.signal?.aborted) return state;
    if (options.from) {
      controller.load(options.from);
      const last = state.rounds.at(-1);
      await (last?.phase === "failed" || last?.phase === "stopped" ? controller.retry() : controller.resume());
    } else {
      await controller.start(options.prompt, options.settings);
    }
    await controller.saved();
    return state;
  } finally {
    options.signal?.removeEventListener("abort", stop);
  }
}
