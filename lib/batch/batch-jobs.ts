/**
 * Batch jobs started from the page, run by the studio's server process (not the tab: a closed
 * tab changes nothing). One registry per process, kept on globalThis (Next may load this module
 * once per route bundle). A job's state lives in SQLite; the registry only knows which jobs this
 * process is running, so a job stored as running that the registry does not know was cut off by
 * a restart: it reads as "interrupted", and Resume continues it.
 *
 * Jobs run on the same runner as the CLI (batch-runner.ts), in the upstream limiter's batch lane:
 * together they never hold more than INFERENCE_MAX_CONCURRENCY requests in flight, and the
 * studio's interactive steps go first.
 */
import type { Database } from "../db/database";
import { createBatchJob, getBatchJob, listJobPrompts, markInterruptedJobs, setBatchJobStatus, settleRunningItems } from "../db/batch-store";
import type { CreateBatchJob } from "../contract/batch-contract";
import { withInProcessEngine } from "../steps/builtin-engine-fetch";
import { readInferenceConfig, type InferenceConfig } from "../steps/config";
import { createNodeModelPort } from "../steps/node-model-port";
import { resolveStudioRun } from "../steps/studio-run";
import { metricsSink } from "../telemetry/metrics-sink";
import { runBatch } from "./batch-runner";
import { dbItemStore } from "./db-item-store";
import { nodeRasterize, warmNodeRasterize } from "./node-rasterize";
import { createNodeMeasure } from "../metrics/node-image-match";
import { NO_PROMPTS_MESSAGE, parsePromptsCsv } from "../contract/prompts-csv";
import { withRowPictures } from "./row-pictures";
import { withRetries } from "./retrying-model-port";

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
}

const KEY = Symbol.for("introsvg-studio.batch-jobs");
type WithRegistry = typeof globalThis & { [KEY]?: Map<string, RunningJob> };

function registry(): Map<string, RunningJob> {
  const g = globalThis as WithRegistry;
  g[KEY] ??= new Map();
  return g[KEY];
}

export function isJobRunning(id: string): boolean {
  return registry().has(id);
}

/** The settings server-side jobs run with (the studio's upstream; the built-in engine in-process). */
export function batchInferenceConfig(): InferenceConfig {
  // The built-in engine is reached in-process at full speed, as the CLI reaches it. Its pace
  // (ENGINE_TOKENS_PER_SECOND) is for a person watching a stream; a job paced at it spent most
  // of its time waiting on the pacing timers (a CPU profile of the job: the main thread 73 %
  // idle, and half its CPU time in those timers), ~4.5 times the CLI's wall time on the page.
  return { ...withInProcessEngine(readInferenceConfig(), { tokensPerSecond: 0 }), priority: "batch" };
}

/** Stored jobs marked running that this process does not run were cut off: mark them interrupted. */
export async function reconcileJobs(db: Database): Promise<void> {
  await markInterruptedJobs(db, new Set(registry().keys()));
}

function launch(db: Database, jobId: string, config: InferenceConfig, retryFailed = false): RunningJob {
  const controller = new AbortController();
  warmNodeRasterize();
  const done = (async () => {
    const job = await getBatchJob(db, jobId);
    if (!job) return;
    let status: "done" | "cancelled" | "interrupted" = "interrupted";
    try {
      const result = await runBatch({
        items: await listJobPrompts(db, jobId),
        settings: job.settings,
        concurrency: job.concurrency,
        model: withRetries(createNodeModelPort(config)),
        rasterize: nodeRasterize,
        measure: createNodeMeasure(),
        store: dbItemStore(db, jobId, { engine: job.engine, model: job.model, run: job.run }),
        signal: controller.signal,
        retryFailed,
        onItemEnd: (outcome, { skipped }) => {
          if (!skipped) metricsSink.batchItemEnded(outcome.status);
        },
        onItemError: (item, error) => console.error(`Batch job ${jobId}: item ${item.id} could not be stored: ${error.message}`),
      });
      status = controller.signal.aborted ? "cancelled" : result.interrupted ? "interrupted" : "done";
    } catch (e) {
      console.error(`Batch job ${jobId} stopped on an error:`, e);
    } finally {
      registry().delete(jobId);
      await settleRunningItems(db, jobId).catch(() => {});
      await setBatchJobStatus(db, jobId, status).catch((e) => console.error(`Batch job ${jobId}: could not store its status:`, e));
    }
  })();
  const running = { controller, done };
  registry().set(jobId, running);
  return running;
}

/**
 * Resolves the run (throws UnknownProfileError before anything starts), reads the CSV (throws
 * PromptsCsvError with its line), stores the job and its items, starts it.
 */
export async function startBatchJob(db: Database, input: CreateBatchJob, config: InferenceConfig = batchInferenceConfig()): Promise<string> {
  const run = resolveStudioRun(config, { settings: input.settings });
  const images = input.images ?? {};
  // Image rows: their pictures came with the CSV, keyed by path or file name.
  const prompts = await withRowPictures(parsePromptsCsv(input.csv), async (file) => {
    const url = images[file] ?? images[file.split(/[/\\]/).pop() ?? file];
    if (!url) throw new Error("it was not sent with the CSV: add it to the files");
    return Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
  });
  if (prompts.length === 0) throw new EmptyCsvError();
  const id = await createBatchJob(db, {
    name: input.name,
    settings: run.settings,
    concurrency: input.concurrency,
    engine: run.generator.engine,
    model: run.record.generator.model,
    run: run.record,
    items: prompts,
  });
  launch(db, id, config);
  return id;
}

export class EmptyCsvError extends Error {
  constructor() {
    super(NO_PROMPTS_MESSAGE);
  }
}

/**
 * Continues a cancelled or interrupted job (a running one is left as it is); with `retryFailed`,
 * a finished job too, running its failed items again (as the CLI's --retry-failed: a transient
 * failure is retried on any resume, this also retries a 400 or a truncated SVG). False: no such job.
 */
export async function resumeBatchJob(
  db: Database,
  id: string,
  config: InferenceConfig = batchInferenceConfig(),
  options: { retryFailed?: boolean } = {},
): Promise<boolean> {
  const job = await getBatchJob(db, id);
  if (!job) return false;
  if (isJobRunning(id)) return true;
  await setBatchJobStatus(db, id, "running");
  launch(db, id, config, options.retryFailed ?? false);
  return true;
}

/** Stops a running job: its steps in flight are aborted, its items saved as stopped. */
export async function cancelBatchJob(db: Database, id: string): Promise<boolean> {
  const job = await getBatchJob(db, id);
  if (!job) return false;
  const running = registry().get(id);
  if (running) {
    running.controller.abort();
    await running.done;
  } else if (job.status === "running") {
    await setBatchJobStatus(db, id, "cancelled");
  }
  return true;
}

/** Settles once the job this process runs has ended (tests). */
export function jobSettled(id: string): Promise<void> {
  return registry().get(id)?.done ?? Promise.resolve();
}
