/** Test-only fakes for the ports a run uses: the model, the rasterizer, the session store. */
import type { ModelPort, RasterizePort, SessionPort, StepResult } from "../../lib/loop/loop-ports";
import type { Round } from "../../lib/loop/loop-types";
import { META, svgOf } from "./loop-builders";

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending promise chain run (fakes answer in microtasks). */
export const flush = () => new Promise((r) => setTimeout(r, 0));

export const PNG = "data:image/png;base64,AA";
export const fakeRasterize: RasterizePort = async () => PNG;

const OK: StepResult = { ok: true, meta: META };

/** A model that answers at once: the SVG names the prompt, every critique scores `score`. */
export function fakeModel(score = 9.8): ModelPort {
  return {
    generate: async ({ prompt }, { onDelta }) => (onDelta(svgOf(1).replace("<path", `<!-- ${prompt} --><path`)), OK),
    refine: async (_input, { onDelta }) => (onDelta(svgOf(2)), OK),
    critique: async (_input, { onDelta }) => (onDelta(JSON.stringify({ score, critique: "c", suggestions: "s" })), OK),
  };
}

/** What a streaming fetch does when its signal aborts: rejects with an AbortError. */
export function untilAborted(signal: AbortSignal): Promise<StepResult> {
  return new Promise((_, reject) => {
    const abort = () => reject(Object.assign(new Error("The operation was aborted."), { name: "AbortError" }));
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * A session store that records every save, in order: `log` reads like
 * "S1 status:running", "S1 round-1:rendering", "S1 round-1:failed/stopped".
 */
export function recordingSessions(overrides: Partial<SessionPort> = {}) {
  const saved: Array<{ id: string; round: Round }> = [];
  const updates: Array<{ id: string; patch: object }> = [];
  const log: string[] = [];
  const port: SessionPort = {
    create: overrides.create ?? (async () => "S1"),
    saveRound:
      overrides.saveRound ??
      (async (id, round) => {
        saved.push({ id, round });
        log.push(`${id} ${round.id}:${round.phase}${round.error ? `/${round.error.code}` : ""}`);
      }),
    update:
      overrides.update ??
      (async (id, patch) => {
        updates.push({ id, patch });
        log.push(`${id} status:${patch.status}`);
      }),
  };
  return { port, saved, updates, log };
}
