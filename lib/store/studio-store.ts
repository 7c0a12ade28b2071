/**
 * The studio page's UI state: the loop session, which round is selected, and the one run in
 * flight. A factory, not a module-global store, so each page (and each test) gets its own.
 * Only the newest run may change the session: a late event from a stopped or replaced run is
 * dropped (svgomg's latest-job rule).
 */
import { createStore } from "zustand/vanilla";
import { loopReducer, type LoopEvent } from "../loop/loop-reducer";
import type { ModelPort, RasterizePort } from "../loop/loop-ports";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "../loop/loop-types";
import { runLoop } from "../loop/run-loop";

export interface StudioPorts {
  model: ModelPort;
  rasterize: RasterizePort;
}

export interface StudioState {
  loop: LoopState;
  selectedRoundId: string | null;
  startLoop: (prompt: string, settings: LoopSettings) => void;
  stopLoop: () => void;
  pauseLoop: () => void;
  resumeLoop: (extraRefinements?: number) => void;
  retryStep: () => void;
  selectRound: (roundId: string | null) => void;
  dispatch: (event: LoopEvent) => void;
}

export type StudioStore = ReturnType<typeof createStudioStore>;

export function createStudioStore(ports: StudioPorts, initial: LoopState = INITIAL_LOOP_STATE) {
  let controller: AbortController | null = null;
  let runId = 0;

  return createStore<StudioState>()((set, get) => {
    const apply = (event: LoopEvent) => set((s) => ({ loop: loopReducer(s.loop, event) }));

    const run = () => {
      controller?.abort();
      const own = new AbortController();
      const id = ++runId;
      controller = own;
      void runLoop({
        getState: () => get().loop,
        dispatch: (event) => {
          if (id === runId) apply(event);
        },
        model: ports.model,
        rasterize: ports.rasterize,
        signal: own.signal,
      }).finally(() => {
        if (controller === own) controller = null;
      });
    };

    return {
      loop: initial,
      selectedRoundId: null,
      dispatch: apply,
      startLoop: (prompt, settings) => {
        apply({ type: "started", prompt, settings });
        set({ selectedRoundId: null });
        run();
      },
      stopLoop: () => {
        controller?.abort();
        apply({ type: "stopped" });
      },
      pauseLoop: () => apply({ type: "pauseRequested" }),
      resumeLoop: (extraRefinements) => {
        apply({ type: "resumed", extraRefinements });
        run();
      },
      retryStep: () => {
        apply({ type: "retried" });
        run();
      },
      selectRound: (roundId) => set({ selectedRoundId: roundId }),
    };
  });
}
