/**
 * One batch runner for every driver (the CLI's output folder, the studio's server-side jobs):
 * items go through the shared loop (runLoopToEnd, the run controller the studio uses) on a
 * bounded pool of workers, each item's rounds saved through its store as every step completes,
 * so a run stopped anywhere (Ctrl-C, Cancel, a killed process) continues from the last step
 * done and never asks the model again for it.
 *
 * An item is opened from its store before it runs: a new one comes back as an empty stored
 * loop, one seen before as its rounds. Finished items are not run again; a failed one is, when
 * its failure was transient (its retries ran out: the server may be back) or `retryFailed` asks.
 * One item's failure is recorded on that item and the run goes on.
 */
import type { PromptRow } from "../contract/prompts-csv";
import type { BatchItemOutcome } from "../contract/batch-contract";
import { wrapModelPort, type MeasurePort, type ModelPort, type RasterizePort, type SessionPort, type StepResult } from "../loop/loop-ports";
import type { LoopSettings, LoopState } from "../loop/loop-types";
import { runLoopToEnd } from "../loop/run-loop-to-end";
import type { StoredLoop } from "../loop/run-controller";
import { isTransientStepError } from "../steps/run-step";
import { itemOutcome } from "./batch-summary";
import { runPool } from "./worker-pool";

export interface OpenedItem {
  /** The item's loop as stored (an empty one, status idle, for an item never run). */
  loop: StoredLoop;
  /** Wall time spent on it by earlier runs. */
  elapsedMs: number;
  /** Its last failure was transient (a re-run tries it again). */
  transientFailure: boolean;
}

/** Where a run keeps its items: the CLI's output folder, or SQLite for the page's jobs. */
export interface BatchItemStore {
  /** Opens an item, creating its stored loop (with these settings) if it has none. */
  open(item: PromptRow, settings: LoopSettings): Promise<OpenedItem>;
  /** Where each round is saved as its step completes (session ids are the loops' ids). */
  sessions: SessionPort;
  /**
   * The item's loop has ended (or it was found finished and skipped): store its outcome and
   * whatever files it makes. Called for every item the run reaches.
   */
  finish(item: PromptRow, state: Pick<LoopState, "status" | "rounds" | "prompt" | "candidates">, outcome: BatchItemOutcome): Promise<void>;
}

export interface RunBatchOptions {
  items: readonly PromptRow[];
  /** Settings for items that have no stored loop yet; stored items keep their own. */
  settings: LoopSettings;
  /** Items in flight at once (each runs one step at a time). */
  concurrency: number;
  /** The model port, or one per item (a benchmark item whose request carries more than its prompt). */
  model: ModelPort | ((item: PromptRow) => ModelPort);
  rasterize: RasterizePort;
  /** Measures an image row's rounds against its picture (lib/metrics createNodeMeasure). */
  measure?: MeasurePort;
  store: BatchItemStore;
  /** Aborting stops the steps in flight (their upstream requests are closed) and starts no more items. */
  signal?: AbortSignal;
  /** Run failed items again even when their failure was not transient. */
  retryFailed?: boolean;
  onItemStart?: (item: PromptRow) => void;
  /** `skipped`: the item was already finished and was not run. */
  onItemEnd?: (outcome: BatchItemOutcome, info: { skipped: boolean; item: PromptRow }) => void;
  /** An item could not be opened or stored (a store error, not the model's): it is left as it was. */
  onItemError?: (item: PromptRow, error: Error) => void;
  now?: () => number;
}

export interface BatchRunResult {
  outcomes: BatchItemOutcome[];
  /** The run was stopped before every item was reached. */
  interrupted: boolean;
}

/** Whether an opened item still has work to do. */
export function needsRun(opened: OpenedItem, retryFailed: boolean): boolean {
  if (opened.loop.status === "done") return false;
  if (opened.loop.status === "failed") return retryFailed || opened.transientFailure;
  return true;
}

/** Wraps the model port for one item, remembering whether its last failed step was transient. */
function tracking(model: ModelPort): { port: ModelPort; lastTransient: () => boolean } {
  let transient = false;
  const note = (result: StepResult) => {
    transient = !result.ok && isTransientStepError(result.error);
    return result;
  };
  return {
    port: wrapModelPort(model, (_role, call) => (input, handlers, signal) => call(input, handlers, signal).then(note)),
    lastTransient: () => transient,
  };
}

export async function runBatch(options: RunBatchOptions): Promise<BatchRunResult> {
  const { items, store, signal } = options;
  const now = options.now ?? Date.now;
  const outcomes: BatchItemOutcome[] = [];

  const runItem = async (item: PromptRow, itemSignal: AbortSignal): Promise<void> => {
    // An image row's picture is its loop's target; stored items keep the settings they began with.
    const opened = await store.open(item, item.target ? { ...options.settings, target: item.target } : options.settings);
    if (!needsRun(opened, options.retryFailed ?? false)) {
      const outcome = itemOutcome(item.id, opened.loop, opened.elapsedMs, opened.transientFailure);
      await store.finish(item, opened.loop, outcome);
      outcomes.push(outcome);
      options.onItemEnd?.(outcome, { skipped: true, item });
      return;
    }
    options.onItemStart?.(item);
    const started = now();
    const model = tracking(typeof options.model === "function" ? options.model(item) : options.model);
    const state = await runLoopToEnd({
      prompt: item.desc,
      settings: opened.loop.settings,
      model: model.port,
      rasterize: options.rasterize,
      measure: options.measure,
      signal: itemSignal,
      sessions: store.sessions,
      from: opened.loop,
    });
    // Aborted before it began: runLoopToEnd returned its initial state; the item stays as stored.
    const ended: Pick<LoopState, "status" | "rounds" | "prompt" | "candidates"> = state.prompt === "" ? opened.loop : state;
    const outcome = itemOutcome(item.id, ended, opened.elapsedMs + (now() - started), ended.status === "failed" && model.lastTransient());
    await store.finish(item, ended, outcome);
    outcomes.push(outcome);
    options.onItemEnd?.(outcome, { skipped: false, item });
  };

  const { started } = await runPool(items, { concurrency: options.concurrency, signal, onError: options.onItemError }, runItem);
  return { outcomes, interrupted: started < items.length || outcomes.some((o) => o.status === "stopped") };
}
