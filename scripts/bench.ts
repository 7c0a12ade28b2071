/**
 * `npm run bench`: where the studio stands, measured in one run on this machine. Uses the
 * production build (run `npm run build` first; this builds nothing), starts a pacing upstream and
 * studios on loopback ports, drives Chromium, and prints each figure as a median with its ratio
 * to the target (ratio ≥ 1 meets it). Writes bench/results/latest.json. See docs/benchmarks.md.
 *
 * Then the batch benchmark (scripts/bench-batch.ts): the 1,400 example prompts through
 * `npm run batch` against a paced fixture upstream and on the built-in engine; bench/results/batch.json.
 *
 *   npm run bench                          everything
 *   npm run bench -- --only browser        the studio's figures alone
 *   npm run bench -- --only batch          the batch figures alone (no build needed)
 *   npm run bench -- --only batch --items 200   a quicker, smaller batch
 *   npm run bench -- --only candidates     the draft step with 4 candidates ÷ with 1 (no build needed)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBenchUpstream, BENCH_MODEL } from "./bench/bench-upstream";
import { bigSvgLongTasks, firstLoadJs, launchBrowser, roundFigures, streamingLongTasks } from "./bench/browser-figures";
import { historyFigures, seedHistory } from "./bench/history-figures";
import { measureStepOverhead } from "./bench/step-overhead";
import { assertProductionBuild, startStudio } from "./bench/studio-server";
import { parseArgs } from "node:util";
import { formatBatchBench, runBatchBench, writeBenchResult } from "./bench-batch";
import { formatCandidatesBench, runCandidatesBench } from "./bench-candidates";

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
  /** "max": the value must stay at or under the target; "min": at or over it. */
  kind: "max" | "min";
}

const ratio = (f: Figure) => (f.kind === "max" ? f.target / Math.max(f.value, 1e-9) : f.value / f.target);

function print(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.value < 10 ? 2 : 1)} ${f.unit}`, `${f.kind === "max" ? "≤" : "≥"} ${f.target} ${f.unit}`, ratio(f) > 99 ? "> 99" : ratio(f).toFixed(2), ratio(f) >= 1 ? "meets" : "MISSES"]);
  const header = ["figure", "median", "target", "ratio", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string" }, items: { type: "string" } } });
  if (values.only !== undefined && !["browser", "batch", "candidates"].includes(values.only)) throw new Error("--only must be browser, batch or candidates");
  if (values.only === undefined || values.only === "browser") await studioFigures();
  if (values.only === undefined || values.only === "candidates") {
    console.error("\ncandidates: the draft step with 4 candidates and with 1…");
    const candidates = await runCandidatesBench({ log: (line) => console.error(line) });
    console.log(`\n${formatCandidatesBench(candidates)}`);
    console.log(`\nwritten to ${path.relative(process.cwd(), await writeBenchResult("candidates", candidates))}`);
  }
  if (values.only === undefined || values.only === "batch") {
    console.error("\nbatch runs…");
    const batch = await runBatchBench({ items: values.items ? Number(values.items) : undefined, log: (line) => console.error(line) });
    console.log(`\n${formatBatchBench(batch)}`);
    console.log(`\nwritten to ${path.relative(process.cwd(), await writeBenchResult("batch", batch))}`);
  }
}

async function studioFigures(): Promise<void> {
  assertProductionBuild();
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  console.log(`IntroSVG Studio benchmark · ${new Date().toISOString()}\n${machine}\n`);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-bench-"));
  const upstream = await startBenchUpstream();
  const studio = await startStudio({ INFERENCE_BASE_URL: upstream.url, INFERENCE_MODEL: BENCH_MODEL, DATABASE_URL: `file:${path.join(dbDir, "studio.db")}` });
  console.error("seeding 5,000 sessions for the history figures…");
  const historyDb = await seedHistory(5000);
  const historyStudio = await startStudio({ INFERENCE_BASE_URL: upstream.url, INFERENCE_MODEL: BENCH_MODEL, DATABASE_URL: historyDb });
  const browser = await launchBrowser();
  const figures: Figure[] = [];
  const extra: Record<string, unknown> = {};
  try {
    console.error("first-load JavaScript…");
    const js = await firstLoadJs(`${studio.url}/`);
    figures.push({ name: "first-load JS of / (gzip)", value: js.gzipKb, unit: "kB", target: 200, kind: "max" });
    extra.firstLoad = js;

    console.error("step overhead (60 pairs)…");
    const step = await measureStepOverhead(studio.url, upstream.url, BENCH_MODEL, 60);
    figures.push({ name: "TTFT through the studio − direct", value: Math.max(0, step.ttftOverheadMs), unit: "ms", target: 5, kind: "max" });
    figures.push({ name: "streamed throughput, studio ÷ direct", value: step.throughputRatio, unit: "×", target: 0.9, kind: "min" });
    extra.step = step;

    console.error("an ~8,000-token SVG streaming at 300 tokens/s (2 runs)…");
    const streaming = await streamingLongTasks(browser, `${studio.url}/`, 2);
    figures.push({ name: "longest task while streaming (run start to end)", value: streaming.maxMs, unit: "ms", target: 50, kind: "max" });
    extra.streaming = streaming;

    console.error("rounds against an instant upstream…");
    const rounds = await roundFigures(browser, `${studio.url}/`);
    figures.push({ name: "browser raster of an icon at 200×200", value: rounds.rasterMs, unit: "ms", target: 5, kind: "max" });
    figures.push({ name: "studio's own time per round", value: rounds.ownMsPerRound, unit: "ms", target: 100, kind: "max" });
    extra.rounds = rounds;

    console.error("history with 5,000 sessions…");
    const history = await historyFigures(historyStudio.url, 20);
    figures.push({ name: "history first page (5,000 sessions), size", value: history.firstPageKb, unit: "kB", target: 100, kind: "max" });
    figures.push({ name: "history first page, time", value: history.firstPageMs, unit: "ms", target: 50, kind: "max" });
    figures.push({ name: "history search, time", value: history.searchMs, unit: "ms", target: 50, kind: "max" });
    extra.history = history;

    console.error("a 500 kB SVG opened in the editor and preview…");
    const big = await bigSvgLongTasks(browser, studio.url);
    figures.push({ name: "longest task opening a 500 kB SVG", value: big.maxMs, unit: "ms", target: 200, kind: "max" });
    extra.bigSvg = big;
  } finally {
    await browser.close();
    await Promise.all([studio.stop(), historyStudio.stop(), upstream.close()]);
  }
  console.log("");
  print(figures);
  const out = path.join("bench", "results", "latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, figures: figures.map((f) => ({ ...f, ratio: ratio(f) })), details: extra }, null, 2) + "\n");
  console.log(`\nwritten to ${out}`);
}

main().catch((e: unknown) => {
  console.error(`The benchmark could not run: ${(e as Error).message}`);
  process.exit(1);
});
