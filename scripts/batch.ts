/**
 * `npm run batch -- --csv prompts.csv --out runs/NAME`: a whole prompts CSV (`id,desc`) through
 * the IntroSVG loop, into IntroSVG's output layout plus a record per item and report.json
 * (lib/batch/output-folder.ts). Reads the studio's environment (INFERENCE_BASE_URL, keys,
 * models, INFERENCE_MAX_CONCURRENCY); with no upstream set it runs on the built-in engine
 * in-process.
 *
 * Stop it at any time (Ctrl-C aborts the requests in flight; a second Ctrl-C quits at once; a
 * kill loses at most the steps in flight): the same command on the same --out continues where
 * it stopped, without asking the model again for any step already done.
 *
 * With `--icon-set DIR` it also writes the run's icon set into DIR once the run ends: the files
 * of the batch page's "Download icon set" (lib/batch/icon-set-files.ts), for the items selected.
 * On a finished --out it only writes the set (every item is already done).
 *
 * Exit status: 0 all items done, 1 some failed, 2 bad arguments or input, 130 interrupted.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { CANDIDATES_MAX } from "../lib/loop/loop-limits";
import { buildBatchReport } from "../lib/batch/batch-report";
import { formatSummaryTable, createRoundMeans } from "../lib/batch/batch-summary";
import { runBatch } from "../lib/batch/batch-runner";
import { nodeRasterize, warmNodeRasterize } from "../lib/batch/node-rasterize";
import { OutputFolderError, openOutputFolder } from "../lib/batch/output-folder";
import { parsePromptsCsv, PromptsCsvError, type PromptRow } from "../lib/contract/prompts-csv";
import { withRetries } from "../lib/batch/retrying-model-port";
import type { BatchItemOutcome } from "../lib/contract/batch-contract";
import { DEFAULT_SETTINGS } from "../lib/loop/loop-types";
import { ConfigError, describeEngine } from "../lib/steps/config";
import { createNodeModelPort } from "../lib/steps/node-model-port";
import { upstreamLimiter } from "../lib/steps/upstream-limiter";
import { resolveStudioRun } from "../lib/steps/studio-run";
import { createBatchProgress } from "./batch-progress";
import { LOOP_OPTIONS, runFromOptions, scriptConfig, UsageError } from "./cli-run";
import { studioConfig } from "../lib/config/studio-config";

const USAGE = `Usage: npm run batch -- --csv FILE --out DIR [options]

  --csv FILE              prompts CSV with a header naming columns id and desc
  --profile ID            which profile writes and judges (intro-svg, internsvg-8b, chat, …; default: the studio's)
  --out DIR               output folder (IntroSVG's layout); re-run to continue a stopped run
  --concurrency N         items in flight at once (default 8)
  --mode paper|reference  paper: stop at the threshold; reference: inference_loop.py's schedule
  --max-refinements N     refinement rounds at most, paper mode (default ${DEFAULT_SETTINGS.maxRefinements})
  --threshold X           score that ends an item's loop, paper mode (default ${DEFAULT_SETTINGS.threshold})
  --candidates N          drafts asked for at once per item, each with its own seed (1–${CANDIDATES_MAX}, default 1);
                          the best valid one is refined, items/{id}.json keeps them all
  --limit N               only the first N prompts (after --ids)
  --ids a,b,c             only these ids
  --retry-failed          run failed items again (transient failures always are)
  --attempts N            tries per step on transient upstream faults (default 5)
  --icon-set DIR          also write the icon set into DIR: svg/{id}.svg, sprite.svg, react/{Name}.tsx
                          and react/index.ts, icons.json, contact-sheet.png (items with an SVG)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`--${name} must be a whole number ≥ 1 (got '${raw}')`);
  return Number(raw);
}

function selectItems(rows: PromptRow[], ids: string | undefined, limit: number | undefined): PromptRow[] {
  let selected = rows;
  if (ids !== undefined) {
    const wanted = ids
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    const known = new Set(rows.map((r) => r.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new UsageError(`--ids names ${unknown.length} id(s) not in the CSV: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", …" : ""}`);
    const set = new Set(wanted);
    selected = rows.filter((r) => set.has(r.id));
  }
  return limit === undefined ? selected : selected.slice(0, limit);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      csv: { type: "string" },
      out: { type: "string" },
      ...LOOP_OPTIONS,
      concurrency: { type: "string" },
      candidates: { type: "string", default: "1" },
      limit: { type: "string" },
      ids: { type: "string" },
      "retry-failed": { type: "boolean", default: false },
      attempts: { type: "string" },
      "icon-set": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (!values.csv || !values.out) throw new UsageError("--csv and --out are required");
  // The run first: an unknown --profile is refused before any file is read.
  const config = scriptConfig("batch");
  const run = runFromOptions(config, values);
  const runSettings = run.settings;
  const concurrency = positiveInt("concurrency", values.concurrency, 8);
  const limit = values.limit === undefined ? undefined : positiveInt("limit", values.limit, 0);
  const attempts = positiveInt("attempts", values.attempts, 5);
  const iconSetDir = values["icon-set"];
  // The icon set's, the pictures' and the image match's modules load only when a run needs
  // them: they bring svgo, SVGR, jsdom and sharp (~1 s to load), and start-up is benchmarked.
  const iconSet = iconSetDir !== undefined ? await import("../lib/batch/icon-set-files") : null;
  if (iconSetDir !== undefined && iconSet) {
    if (iconSetDir.trim() === "") throw new UsageError("--icon-set needs a folder");
    const problem = await iconSet.iconSetFolderProblem(iconSetDir);
    if (problem) throw new UsageError(`--icon-set: ${problem}`);
  }

  let text: string;
  try {
    text = await readFile(values.csv, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${values.csv}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let rows: PromptRow[];
  try {
    // Image rows: their pictures are read from beside the CSV (the `image` column is relative to it).
    const parsed = parsePromptsCsv(text);
    if (parsed.some((row) => row.image)) {
      const { withRowPictures } = await import("../lib/batch/row-pictures");
      rows = await withRowPictures(parsed, (file) => readFile(path.join(path.dirname(values.csv!), file)));
    } else rows = parsed;
  } catch (e) {
    if (e instanceof PromptsCsvError) throw new UsageError(`${values.csv}: ${e.message}`);
    throw e;
  }
  const items = selectItems(rows, values.ids, limit);
  if (items.length === 0) throw new UsageError(`${values.csv} has no prompts to run`);

  // No person waits on this process: no slots are kept back for interactive steps, and the
  // limit is INFERENCE_MAX_CONCURRENCY when set (several runs sharing a server), else the
  // concurrency asked for.
  // An item's draft step holds one request per candidate.
  const maxInFlight = studioConfig().inference.maxConcurrency ?? concurrency * (runSettings.candidates ?? 1);
  upstreamLimiter().configure({ limit: maxInFlight, interactiveReserve: 0 });

  const tty = Boolean(process.stderr.isTTY);
  const warnings: string[] = [];
  const folder = await openOutputFolder(
    values.out,
    { settings: runSettings, csv: path.basename(values.csv), record: run.record },
    {
      onWarning: (message) => warnings.push(message),
    },
  );
  console.error(`${describeEngine(run.generator).label}`);
  console.error(
    `${folder.resumed ? "Continuing" : "Starting"} ${items.length} item(s) from ${values.csv} into ${values.out} (${runSettings.mode} mode, concurrency ${concurrency}${maxInFlight !== concurrency ? `, at most ${maxInFlight} requests in flight` : ""})`,
  );

  const progress = createBatchProgress({ total: items.length, tty });
  for (const w of warnings.splice(0)) progress.log(`warning: ${w}`);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      progress.stop();
      console.error("\nQuit at once; re-run the same command to continue.");
      process.exit(130);
    }
    progress.log("Stopping: aborting the requests in flight and saving each item's state (Ctrl-C again to quit at once)…");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);

  warmNodeRasterize();
  const startedAt = new Date();
  const result = await runBatch({
    items,
    settings: runSettings,
    concurrency,
    model: withRetries(createNodeModelPort(config), {
      attempts,
      onRetry: ({ role, attempt, attempts: all, delayMs, error }) =>
        progress.log(`retry: ${role} failed (${error.code}: ${error.message}); attempt ${attempt + 1}/${all} in ${(delayMs / 1000).toFixed(1)} s`),
    }),
    rasterize: nodeRasterize,
    measure: items.some((item) => item.target) ? (await import("../lib/metrics/node-image-match")).createNodeMeasure() : undefined,
    store: {
      ...folder.store,
      open: async (item, s) => {
        const opened = await folder.store.open(item, s);
        for (const w of warnings.splice(0)) progress.log(`warning: ${w}`);
        return opened;
      },
    },
    signal: controller.signal,
    retryFailed: values["retry-failed"],
    onItemEnd: (outcome, { skipped }) => progress.itemEnd(outcome, skipped),
    onItemError: (item, error) => progress.log(`error: item ${item.id} could not be stored: ${error.message}`),
  });
  progress.stop();
  const finishedAt = new Date();

  // The report covers every selected item, from its record (items this run did not reach
  // keep what an earlier run left).
  const outcomes: BatchItemOutcome[] = [];
  const roundMeans = createRoundMeans();
  for (const item of items) {
    const record = await folder.readItem(item.id).catch(() => null);
    if (record?.outcome) outcomes.push(record.outcome);
    if (record) roundMeans.add(record.rounds);
  }
  // Recorded again at the end: a server's first listed model is known once it has answered.
  const report = buildBatchReport({
    csv: path.basename(values.csv),
    settings: runSettings,
    engine: run.generator.engine,
    run: resolveStudioRun(config, { settings: runSettings }).record,
    concurrency,
    startedAt,
    finishedAt,
    total: items.length,
    outcomes,
    roundMeans: roundMeans.result(),
  });
  const { summary } = report;
  await folder.writeReport(report);

  console.error("");
  console.error(formatSummaryTable(summary, runSettings.threshold));
  console.error(`Wrote ${values.out}/report.json`);
  if (result.interrupted) {
    console.error(`Interrupted: re-run the same command to continue${iconSetDir !== undefined ? " (the icon set is written when the run ends)" : ""}.`);
    return 130;
  }
  if (iconSetDir !== undefined && iconSet) {
    const sources = [];
    for (const item of items) {
      const record = await folder.readItem(item.id).catch(() => null);
      sources.push({ id: item.id, desc: record?.desc ?? item.desc, rounds: record?.rounds ?? [] });
    }
    const set = await iconSet.buildIconSet(sources);
    await iconSet.writeIconSetFolder(iconSetDir, set.files);
    const left = set.skipped.length > 0 ? `; left out for want of an SVG: ${set.skipped.slice(0, 5).join(", ")}${set.skipped.length > 5 ? ", …" : ""}` : "";
    console.error(`Wrote the icon set of ${set.icons.length} icon(s) to ${iconSetDir}/${left}`);
  }
  return summary.failed > 0 || summary.finished < items.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof OutputFolderError || e instanceof ConfigError) {
      console.error(`batch: ${e.message}`);
      // The error, and where the options are: the whole usage text buried it.
      if (e instanceof UsageError) console.error("Run `npm run batch -- --help` for the options.");
      process.exit(2);
    }
    console.error(`The batch could not run: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
