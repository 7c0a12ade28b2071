/**
 * One whole loop for a driver that keeps its state in a plain variable (a Node script, a batch
 * item, a test): start, run every step through the ports, return the final state. The same
 * reducer, `nextStep` and runner the studio tab uses; only the ports differ.
 */
import type { ModelPort, RasterizePort } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { runLoop } from "./run-loop";

export interface RunToEndOptions {
  prompt: string;
  settings: LoopSettings;
  model: ModelPort;
  rasterize: RasterizePort;
  /** Aborting stops the step in flight (the upstream sees the connection close). */
  signal?: AbortSignal;
  /** Told of every event with the state it led to (progress, logs). */
  onEvent?: (event: LoopEvent, state: LoopState) => void;
  /** Awaited after every step that changed a round (to store it before the next step). */
  checkpoint?: (state: LoopState, roundId: string) => Promise<void>;
  /** Continue a stored loop instead of starting a new one. */
  from?: LoopState;
}

export async function runLoopToEnd(options: RunToEndOptions): Promise<LoopState> {
  let state = options.from ?? INITIAL_LOOP_STATE;
  const dispatch = (event: LoopEvent) => {
    state = loopReducer(state, event);
    options.onEvent?.(event, state);
  };
  const last = options.from?.rounds.at(-1);
  // A stored loop continues where it stopped: a failed or stopped step is tried again.
  if (options.from) dispatch(last?.phase === "failed" || last?.phase === "stopped" ? { type: "retried" } : { type: "resumed" });
  else dispatch({ type: "started", prompt: options.prompt, settings: options.settings });
  const signal = options.signal ?? new AbortController().signal;
  await runLoop({
    getState: () => state,
    dispatch,
    model: options.model,
    rasterize: options.rasterize,
    signal,
    checkpoint: options.checkpoint ? (roundId) => options.checkpoint!(state, roundId) : undefined,
  });
  if (signal.aborted && state.status === "running") dispatch({ type: "stopped" });
  return state;
}
