/**
 * The batch benchmark (not a timed test): the 1,400 example prompts through `npm run batch`
 * (the CLI as a child process, writing its output folder), twice:
 *
 * 1. Paper mode, concurrency 32, against the paced fixture upstream (test/support/paced-upstream)
 *    on loopback: it waits 100 ms before the first token and then streams at a fixed pace. The
 *    upstream sums how long it was busy with each request; with 32 in flight the ideal wall time
 *    is that sum ÷ 32. Printed: ideal ÷ actual (target ≥ 0.8) and the CLI's peak resident memory
 *    (target < 500 MB).
 * 2. The built-in engine in-process (no upstream set): items per second.
 *
 * Each figure comes from one run; results go to bench/runs/batch.json (bench/results/ with --baseline).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startPacedUpstream } from "../test/support/paced-upstream";
import type { BatchReport } from "../lib/batch/output-folder";
import { childProcessEnv } from "../lib/config/studio-config";
import { writeBenchResult } from "./bench/results-file";

// The project directory: `npm run` starts every script there (the compiled one runs from dist/).
const ROOT = process.cwd();
const CSV = path.join(ROOT, "fixtures", "introsvg", "example-prompts.csv");

/** The compiled CLI, as `npm run batch` runs it (`npm run build` makes it). */
export const BATCH_CLI = path.join(ROOT, "dist", "scripts", "batch.js");

/** The fixture's pace: first token after 100 ms, then 24 characters (~6 tokens) every 10 ms. */
export const FIXTURE_PACE = { ttftMs: 100, chunkMs: 10, chunkChars: 24 } as const;

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BATCH_CLI, ...args], {
    cwd: ROOT,
    env: childProcessEnv({ NODE_ENV: "production", ...env }, ["PATH", "HOME"]),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  return { code, stderr };
}

async function readReport(out: string): Promise<BatchReport> {
  return JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as BatchReport;
}

export interface BatchBenchResult {
  items: number;
  /** os.loadavg() at the end: 1, 5, 15 minutes. */
  loadAverage: number[];
  fixture: {
    concurrency: number;
    pace: typeof FIXTURE_PACE;
    requests: number;
    upstreamBusyMs: number;
    idealMs: number;
    wallMs: number;
    /** ideal ÷ wall; target ≥ 0.8. */
    efficiency: number;
    peakRssMb: number;
    /** CPU time of the CLI over the whole process (start-up included). */
    cpuMs: number | null;
    meanRounds: number | null;
    failed: number;
  };
  engine: { concurrency: number; wallMs: number; itemsPerSecond: number; peakRssMb: number; meanRounds: number | null; failed: number };
}

export async function runBatchBench(options: { items?: number; log?: (line: string) => void } = {}): Promise<BatchBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const work = await mkdtemp(path.join(os.tmpdir(), "bench-batch-"));
  try {
    const limit = options.items ? ["--limit", String(options.items)] : [];

    // 1. Against the paced fixture upstream, 32 in flight.
    const concurrency = 32;
    const upstream = await startPacedUpstream(FIXTURE_PACE);
    const fixtureOut = path.join(work, "fixture");
    log(`fixture upstream: ${options.items ?? 1400} prompts, paper mode, concurrency ${concurrency} …`);
    const fixtureRun = await runCli(["--csv", CSV, "--out", fixtureOut, "--concurrency", String(concurrency), "--mode", "paper", ...limit], {
      INFERENCE_BASE_URL: upstream.baseURL,
    });
    const requests = upstream.requests().length;
    const busyMs = upstream.busyMs();
    await upstream.close();
    if (fixtureRun.code !== 0) throw new Error(`the fixture run failed (exit ${fixtureRun.code}):\n${fixtureRun.stderr.slice(-2000)}`);
    const fixtureReport = await readReport(fixtureOut);
    const idealMs = busyMs / concurrency;

    // 2. The built-in engine in-process: CPU-bound, so as many workers as cores keep it busy.
    const engineConcurrency = Math.max(2, os.cpus().length);
    const engineOut = path.join(work, "engine");
    log(`built-in engine in-process: ${options.items ?? 1400} prompts, paper mode, concurrency ${engineConcurrency} …`);
    const engineRun = await runCli(["--csv", CSV, "--out", engineOut, "--concurrency", String(engineConcurrency), "--mode", "paper", ...limit], {});
    if (engineRun.code !== 0 && engineRun.code !== 1) throw new Error(`the engine run failed (exit ${engineRun.code}):\n${engineRun.stderr.slice(-2000)}`);
    const engineReport = await readReport(engineOut);

    return {
      items: fixtureReport.summary.items,
      loadAverage: os.loadavg(),
      fixture: {
        concurrency,
        pace: FIXTURE_PACE,
        requests,
        upstreamBusyMs: busyMs,
        idealMs: Math.round(idealMs),
        wallMs: fixtureReport.wallMs,
        efficiency: idealMs / fixtureReport.wallMs,
        peakRssMb: fixtureReport.peakRssMb,
        cpuMs: fixtureReport.cpuMs ?? null,
        meanRounds: fixtureReport.summary.meanRounds,
        failed: fixtureReport.summary.failed,
      },
      engine: {
        concurrency: engineConcurrency,
        wallMs: engineReport.wallMs,
        itemsPerSecond: engineReport.summary.items / (engineReport.wallMs / 1000),
        peakRssMb: engineReport.peakRssMb,
        meanRounds: engineReport.summary.meanRounds,
        failed: engineReport.summary.failed,
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function formatBatchBench(r: BatchBenchResult): string {
  const f = r.fixture;
  const verdict = (ok: boolean) => (ok ? "ok" : "BELOW TARGET");
  return [
    `Batch, ${r.items} prompts, paper mode (load average ${r.loadAverage.map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores; other work on the machine lowers every figure)`,
    `  fixture upstream (TTFT ${f.pace.ttftMs} ms, ${f.pace.chunkChars} chars / ${f.pace.chunkMs} ms), concurrency ${f.concurrency}:`,
    `    ${f.requests} requests, upstream busy ${(f.upstreamBusyMs / 1000).toFixed(1)} s → ideal ${(f.idealMs / 1000).toFixed(1)} s; wall ${(f.wallMs / 1000).toFixed(1)} s`,
    `    wall-time ratio (ideal ÷ actual): ${f.efficiency.toFixed(2)}  (target ≥ 0.80: ${verdict(f.efficiency >= 0.8)})`,
    `    peak memory of the CLI: ${f.peakRssMb} MB  (target < 500 MB: ${verdict(f.peakRssMb < 500)})`,
    `    CPU time of the CLI: ${f.cpuMs === null ? "–" : `${(f.cpuMs / 1000).toFixed(1)} s (${((f.cpuMs / f.wallMs) * 100).toFixed(0)} % of one core over the wall time)`}`,
    `    mean rounds ${f.meanRounds?.toFixed(2) ?? "–"}, failed items ${f.failed}`,
    `  built-in engine in-process, concurrency ${r.engine.concurrency}:`,
    `    ${r.engine.itemsPerSecond.toFixed(1)} items/s (${(r.engine.wallMs / 1000).toFixed(1)} s), peak memory ${r.engine.peakRssMb} MB, mean rounds ${r.engine.meanRounds?.toFixed(2) ?? "–"}, failed ${r.engine.failed}`,
  ].join("\n");
}

// Run alone: `node dist/scripts/bench-batch.js [--items N]`. (Compared by name: bundled into
// bench.js, __filename is bench.js.)
if (/bench-batch\.[jt]s$/.test(process.argv[1] ?? "")) {
  const { values } = parseArgs({ options: { items: { type: "string" }, baseline: { type: "boolean" } } });
  runBatchBench({ items: values.items ? Number(values.items) : undefined })
    .then(async (result) => {
      console.log(formatBatchBench(result));
      console.log(`Wrote ${(await writeBenchResult("batch", result, { baseline: process.argv.includes("--baseline") })).join(", ")}`);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
