/**
 * report.json, built in one place for the CLI's output folder and the page's results ZIP: the
 * same fields with the same meaning, from the run's settings, its record (each role's model and
 * server) and its items' outcomes.
 */
import type { BatchItemOutcome, RoundMean } from "../contract/batch-contract";
import type { RunRecord } from "../contract/run-record";
import type { LoopSettings } from "../loop/loop-types";
import { summarizeBatch } from "./batch-summary";
import type { BatchReport } from "./output-folder";

export interface BatchReportInput {
  /** The prompts CSV's file name. */
  csv: string;
  settings: LoopSettings;
  /** "builtin" or "remote": the generator's server, as sessions and jobs store it. */
  engine: string;
  run: RunRecord | null;
  concurrency: number;
  startedAt: Date;
  finishedAt: Date;
  /** Items in the run, finished or not. */
  total: number;
  /** The outcome of every item that has one. */
  outcomes: BatchItemOutcome[];
  roundMeans: RoundMean[];
}

/** Memory and CPU of the process that ran the items (the studio's server for a page job). */
function processFigures(): Pick<BatchReport, "peakRssMb" | "cpuMs"> {
  const cpu = process.cpuUsage();
  return { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

export function buildBatchReport(input: BatchReportInput): BatchReport {
  const summary = summarizeBatch(input.outcomes, input.settings.threshold, input.total);
  return {
    format: "introsvg-studio-batch-report",
    version: 1,
    csv: input.csv,
    settings: input.settings,
    engine: input.engine,
    model: input.run?.generator.model ?? null,
    run: input.run,
    concurrency: input.concurrency,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    wallMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    // Not every item finished (done or failed): some were stopped or not reached; a re-run (Resume) continues.
    interrupted: summary.finished < summary.items,
    ...processFigures(),
    summary,
    roundMeans: input.roundMeans,
    items: input.outcomes,
  };
}
