/**
 * One SArena task through a profile: the SVG tasks on the batch runner (lib/batch: its worker
 * pool, per-step retries of transient faults, resume from each item's stored rounds) with a
 * model port per item and the SArena folder as its store; understanding as one answer per
 * question on the same pool and retries. Then the task's metrics (sarena-metrics.ts), merged
 * into DIR/report.json beside earlier tasks' results.
 *
 *   single  the question once, as SArena is scored (a single pass: drawn, not judged)
 *   paper   the studio's loop from that draft: critique → refine until the threshold or the
 *           refinements are spent; the answer is the best-scoring round
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runBatch } from "../batch/batch-runner";
import { writeFileAtomic } from "../batch/atomic-file";
import { itemOutcome } from "../batch/batch-summary";
import { nodeRasterize } from "../batch/node-rasterize";
import type { PromptRow } from "../contract/prompts-csv";
import { withRetries, type RetryOptions } from "../batch/retrying-model-port";
import { runPool } from "../batch/worker-pool";
import type { BatchItemOutcome } from "../contract/batch-contract";
import type { LoopSettings, StepMeta } from "../loop/loop-types";
import type { InferenceConfig } from "../steps/config";
import { isTransientStepError } from "../steps/run-step";
import { answerLetter, layoutPaths, resultLine } from "./internsvg-layout";
import { appendLine, itemKey, openSarenaStore, readWrittenIds } from "./sarena-folder";
import { evaluateGroup, evaluateUnderstanding, type GroupSummary, type ItemMetrics, type UnderstandingSummary } from "./sarena-metrics";
import { createSarenaModelPort } from "./sarena-model-port";
import { EDIT_SUFFIX, type SarenaRecord, type SarenaTask } from "./sarena-records";

export type SarenaMode = "single" | "paper";

export interface SarenaRunOptions {
  task: SarenaTask;
  records: readonly SarenaRecord[];
  dir: string;
  config: InferenceConfig;
  /** The loop's settings (profile resolved; singlePass for single mode or a profile with no critic). */
  settings: LoopSettings;
  mode: SarenaMode;
  concurrency: number;
  retry?: Omit<RetryOptions, "sleep" | "random">;
  signal?: AbortSignal;
  /** Ask again for items refused for good (a 400); transient failures are always asked again. */
  retryFailed?: boolean;
  onItemEnd?: (outcome: BatchItemOutcome, skipped: boolean) => void;
  onItemError?: (key: string, error: Error) => void;
}

/** What the critic and the refiner are told the item asked for: the question without its SVG code and suffix. */
export function instructionOf(record: Pick<SarenaRecord, "question">): string {
  return record.question
    .replace(/<svg[\s\S]*<\/svg>/i, "the SVG")
    .replace(`\n${EDIT_SUFFIX}`, "")
    .trim()
    .slice(0, 1000);
}

async function runSvgTask(o: SarenaRunOptions): Promise<boolean> {
  const store = await openSarenaStore(o.dir, o.records);
  const byKey = new Map(o.records.map((r) => [itemKey(r), r]));
  const items: PromptRow[] = o.records.map((r) => ({ id: itemKey(r), desc: instructionOf(r) }));
  const result = await runBatch({
    items,
    settings: o.settings,
    concurrency: o.concurrency,
    model: (item) => {
      const r = byKey.get(item.id)!;
      return withRetries(createSarenaModelPort(o.config, { question: r.question, imagePath: r.image, profile: o.settings.profile }), o.retry);
    },
    rasterize: nodeRasterize,
    store,
    signal: o.signal,
    retryFailed: o.retryFailed,
    onItemEnd: (outcome, { skipped }) => o.onItemEnd?.(outcome, skipped),
    onItemError: (item, error) => o.onItemError?.(item.id, error),
  });
  return result.interrupted;
}

interface AnswerRecord {
  format: "introsvg-studio-sarena-answer";
  id: number | string;
  answer: string;
  result: string;
  generation: StepMeta;
}

async function runUnderstanding(o: SarenaRunOptions): Promise<boolean> {
  const written = await readWrittenIds(o.dir, "understanding", "result");
  const todo = o.records.filter((r) => {
    if (!written.has(String(r.id))) return true;
    o.onItemEnd?.(answerOutcome(itemKey(r), "done", 0, null), true);
    return false;
  });
  const { started } = await runPool(
    todo,
    { concurrency: o.concurrency, signal: o.signal, onError: (r, e) => o.onItemError?.(itemKey(r), e) },
    async (r, itemSignal) => {
      const startedAt = Date.now();
      const port = withRetries(createSarenaModelPort(o.config, { question: r.question, imagePath: null, profile: o.settings.profile }), o.retry);
      let text = "";
      let step;
      try {
        step = await port.generate({ prompt: r.question }, { onDelta: (d) => (text += d) }, itemSignal);
      } catch (e) {
        if ((e as Error).name === "AbortError") return o.onItemEnd?.(answerOutcome(itemKey(r), "stopped", Date.now() - startedAt, null), false);
        throw e;
      }
      if (!step.ok) {
        const error = { step: "generate" as const, code: step.error.code, message: step.error.message, transient: isTransientStepError(step.error) };
        return o.onItemEnd?.(answerOutcome(itemKey(r), "failed", Date.now() - startedAt, error), false);
      }
      const letter = answerLetter(text);
      const record: AnswerRecord = { format: "introsvg-studio-sarena-answer", id: r.id, answer: text, result: letter, generation: step.meta };
      await writeFileAtomic(path.join(o.dir, layoutPaths.rounds("understanding", r.id)), JSON.stringify(record, null, 2) + "\n");
      appendLine(o.dir, layoutPaths.output("understanding"), resultLine(r.id, letter));
      o.onItemEnd?.({ ...answerOutcome(itemKey(r), "done", Date.now() - startedAt, null), outputTokens: step.meta.usage.outputTokens ?? 0 }, false);
    },
  );
  // As inference_un.py ends: every result once, sorted by id.
  const results = await readWrittenIds(o.dir, "understanding", "result");
  const sorted = [...results.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
  const numeric = new Map(o.records.map((r) => [String(r.id), r.id]));
  await writeFileAtomic(
    path.join(o.dir, layoutPaths.output("understanding")),
    sorted.map(([id, res]) => resultLine(numeric.get(id) ?? id, String(res))).join(""),
  );
  return started < todo.length;
}

function answerOutcome(id: string, status: BatchItemOutcome["status"], elapsedMs: number, error: BatchItemOutcome["error"]): BatchItemOutcome {
  return { ...itemOutcome(id, { status: status === "stopped" ? "stopped" : status, rounds: [] }, elapsedMs), error };
}

async function understandingTokens(dir: string, records: readonly SarenaRecord[]): Promise<Map<string, number>> {
  const tokens = new Map<string, number>();
  for (const r of records) {
    try {
      const record = JSON.parse(await readFile(path.join(dir, layoutPaths.rounds("understanding", r.id)), "utf8")) as AnswerRecord;
      const n = record.generation?.usage?.outputTokens;
      if (typeof n === "number") tokens.set(String(r.id), n);
    } catch {
      // answered by another tool, or not at all: no token count
    }
  }
  return tokens;
}

export interface TaskReport {
  jsonl: string;
  mode: SarenaMode;
  profile: string | null;
  engine: string;
  model: string | null;
  finishedAt: string;
  interrupted: boolean;
  /** SVG tasks: the task's figures (edit: over all its task files, as evaluate_edit.py's global figures). */
  summary?: GroupSummary;
  /** edit: per task file. */
  groups?: Record<string, GroupSummary>;
  understanding?: UnderstandingSummary;
}

export interface SarenaReport {
  format: "introsvg-studio-sarena-report";
  version: 1;
  tasks: Partial<Record<SarenaTask, TaskReport>>;
}

/** Sums edit tasks' figures the way evaluate_edit.py's global ones are: over every item. */
function combine(groups: Array<{ summary: GroupSummary; items: ItemMetrics[] }>): GroupSummary {
  const items = groups.flatMap((g) => g.items);
  const n = items.length;
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    items: n,
    answered: groups.reduce((s, g) => s + g.summary.answered, 0),
    valid: items.filter((i) => i.valid).length,
    successRate: n === 0 ? 0 : items.filter((i) => i.valid).length / n,
    meanOutputTokens: mean(items.flatMap((i) => (i.outputTokens === null ? [] : [i.outputTokens]))),
    ssim: mean(items.flatMap((i) => (i.ssim === null ? [] : [i.ssim]))),
    psnr: mean(items.flatMap((i) => (i.psnr === null ? [] : [i.psnr]))),
    missingGroundTruth: groups.reduce((s, g) => s + g.summary.missingGroundTruth, 0),
  };
}

/** Scores the task from the folder and merges it into DIR/report.json. */
export async function evaluateSarenaTask(
  o: Pick<SarenaRunOptions, "task" | "records" | "dir" | "mode"> & {
    jsonl: string;
    profile: string | null;
    engine: string;
    model: string | null;
    interrupted: boolean;
    onWarning?: (m: string) => void;
  },
): Promise<TaskReport> {
  const base = {
    jsonl: o.jsonl,
    mode: o.mode,
    profile: o.profile,
    engine: o.engine,
    model: o.model,
    finishedAt: new Date().toISOString(),
    interrupted: o.interrupted,
  };
  let report: TaskReport;
  if (o.task === "understanding") {
    report = { ...base, understanding: await evaluateUnderstanding(o.dir, o.records, await understandingTokens(o.dir, o.records)) };
  } else {
    const groups = [...new Set(o.records.map((r) => r.group))];
    const scored: Array<{ items: ItemMetrics[]; summary: GroupSummary }> = [];
    for (const group of groups) {
      scored.push(
        await evaluateGroup(
          o.dir,
          group,
          o.records.filter((r) => r.group === group),
          {
            pixelMetrics: o.task !== "text2svg",
            perRound: o.mode === "paper",
            onWarning: o.onWarning,
          },
        ),
      );
    }
    report =
      o.task === "edit"
        ? { ...base, summary: combine(scored), groups: Object.fromEntries(groups.map((g, i) => [g.replace(/^edit\//, ""), scored[i].summary])) }
        : { ...base, summary: scored[0].summary };
  }
  const file = path.join(o.dir, "report.json");
  let previous: SarenaReport | null = null;
  try {
    previous = JSON.parse(await readFile(file, "utf8")) as SarenaReport;
  } catch {
    previous = null;
  }
  const merged: SarenaReport = {
    format: "introsvg-studio-sarena-report",
    version: 1,
    tasks: { ...(previous?.format === "introsvg-studio-sarena-report" ? previous.tasks : {}), [o.task]: report },
  };
  await writeFileAtomic(file, JSON.stringify(merged, null, 2) + "\n");
  return report;
}

/** Runs the task's items; true when it was stopped before every item was reached. */
export async function runSarenaTask(o: SarenaRunOptions): Promise<boolean> {
  return o.task === "understanding" ? runUnderstanding(o) : runSvgTask(o);
}
