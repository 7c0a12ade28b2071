/**
 * `npm run sarena -- --task text2svg|img2svg|edit|understanding --jsonl PATH --out DIR`: a SArena
 * benchmark task (InternSVG's) through a profile, written in InternSVG's inference layout so its
 * evaluate scripts run on DIR unchanged, and scored offline (success rate, mean output tokens,
 * SSIM and PSNR for img2svg and edit, accuracy for understanding) into DIR/<task>/metrics.jsonl
 * and DIR/report.json (lib/sarena). Reads the studio's environment like `npm run batch`; with
 * no INFERENCE_BASE_URL it runs on the built-in engine in-process.
 *
 * Resumable: an id already in output.jsonl is skipped; a stopped paper-mode loop continues from
 * its last step. Exit status: 0 every item answered, 1 some not, 2 bad arguments or input,
 * 130 interrupted.
 */
import { parseArgs } from "node:util";
import { OutputFolderError } from "../lib/batch/output-folder";
import { DEFAULT_SETTINGS, type LoopSettings } from "../lib/loop/loop-types";
import { evaluateSarenaTask, runSarenaTask, type SarenaMode, type TaskReport } from "../lib/sarena/sarena-run";
import { loadSarenaTask, SARENA_TASKS, SarenaInputError, type SarenaTask } from "../lib/sarena/sarena-records";
import { studioConfig } from "../lib/config/studio-config";
import { ConfigError, describeEngine } from "../lib/steps/config";
import { resolveStudioRun } from "../lib/steps/studio-run";
import { upstreamLimiter } from "../lib/steps/upstream-limiter";
import { createBatchProgress } from "./batch-progress";
import { scriptConfig, UsageError } from "./cli-run";

const USAGE = `Usage: npm run sarena -- --task TASK --jsonl PATH --out DIR [options]

  --task TASK             text2svg, img2svg, edit or understanding
  --jsonl PATH            the task's SArena file (edit: the folder of its task files)
  --out DIR               output folder (InternSVG's layout: DIR/<task>/…); re-run to continue
  --profile ID            which profile answers (intro-svg, internsvg-8b, chat, …; default: the studio's)
  --concurrency N         items in flight at once (default 32, as InternSVG's inference)
  --mode single|paper     single: the question once, as SArena is scored (default);
                          paper: the studio's critique → refine loop from that draft
  --gt DIR                ground-truth images (img2svg: {id}.png; edit: <task>/images/{id}.png);
                          default beside the JSONL (the img2svg input; edit's data/)
  --max-refinements N     paper mode (default ${DEFAULT_SETTINGS.maxRefinements})
  --threshold X           paper mode (default ${DEFAULT_SETTINGS.threshold})
  --attempts N            tries per step on transient upstream faults (default 5)
  --retry-failed          ask again for items refused for good (transient failures always are)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`--${name} must be a whole number ≥ 1 (got '${raw}')`);
  return Number(raw);
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? "–" : x.toFixed(digits));

function formatReport(task: SarenaTask, r: TaskReport): string {
  const lines: string[] = [];
  if (r.understanding) {
    const u = r.understanding;
    lines.push(
      `understanding: accuracy ${pct(u.accuracy)} (${Math.round(u.accuracy * u.items)}/${u.items}), answered ${u.answered}, mean output tokens ${num(u.meanOutputTokens, 1)}`,
    );
    for (const [subject, s] of Object.entries(u.bySubject)) lines.push(`  ${subject.padEnd(16)} ${pct(s.accuracy)} (${s.correct}/${s.items})`);
    return lines.join("\n");
  }
  const row = (name: string, s: NonNullable<TaskReport["summary"]>) =>
    `${name.padEnd(26)} success ${pct(s.successRate).padStart(7)} (${s.valid}/${s.items})  tokens ${num(s.meanOutputTokens, 1).padStart(7)}` +
    (task === "text2svg"
      ? ""
      : `  SSIM ${num(s.ssim, 4)}  PSNR ${num(s.psnr, 2)}${s.missingGroundTruth ? `  (${s.missingGroundTruth} without ground truth)` : ""}`);
  if (r.summary) lines.push(row(task, r.summary));
  for (const [name, g] of Object.entries(r.groups ?? {})) lines.push(row(`  ${name}`, g));
  for (const p of r.summary?.perRound ?? []) {
    lines.push(
      `  after round ${p.round}: success ${pct(p.successRate)}${task === "text2svg" ? "" : `, SSIM ${num(p.ssim, 4)}, PSNR ${num(p.psnr, 2)}`}, mean score ${num(p.meanScore, 2)}`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      task: { type: "string" },
      jsonl: { type: "string" },
      out: { type: "string" },
      profile: { type: "string" },
      concurrency: { type: "string" },
      mode: { type: "string", default: "single" },
      gt: { type: "string" },
      "max-refinements": { type: "string", default: String(DEFAULT_SETTINGS.maxRefinements) },
      threshold: { type: "string", default: String(DEFAULT_SETTINGS.threshold) },
      attempts: { type: "string" },
      "retry-failed": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (!values.task || !values.jsonl || !values.out) throw new UsageError("--task, --jsonl and --out are required");
  if (!(SARENA_TASKS as readonly string[]).includes(values.task))
    throw new UsageError(`--task must be one of ${SARENA_TASKS.join(", ")} (got '${values.task}')`);
  const task = values.task as SarenaTask;
  if (values.mode !== "single" && values.mode !== "paper") throw new UsageError(`--mode must be single or paper (got '${values.mode}')`);
  const mode = values.mode as SarenaMode;
  const concurrency = positiveInt("concurrency", values.concurrency, 32);
  const attempts = positiveInt("attempts", values.attempts, 5);
  const maxRefinements = Number(values["max-refinements"]);
  const threshold = Number(values.threshold);
  if (!Number.isInteger(maxRefinements) || maxRefinements < 0 || maxRefinements > 20)
    throw new UsageError("--max-refinements must be a whole number from 0 to 20");
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 10) throw new UsageError("--threshold must be a number from 0 to 10");

  let records;
  try {
    records = await loadSarenaTask(task, values.jsonl, values.gt);
  } catch (e) {
    if (e instanceof SarenaInputError) throw new UsageError(e.message);
    throw e;
  }

  const config = scriptConfig("batch");
  let run;
  try {
    run = resolveStudioRun<LoopSettings>(config, { profile: values.profile, settings: { mode: "paper", maxRefinements, threshold } });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  let settings: LoopSettings = run.settings;
  if (mode === "single" || task === "understanding") settings = { ...settings, singlePass: true };
  // No person waits on this process: INFERENCE_MAX_CONCURRENCY when set, else the concurrency asked for.
  const maxInFlight = studioConfig().inference.maxConcurrency ?? concurrency;
  upstreamLimiter().configure({ limit: maxInFlight, interactiveReserve: 0 });

  const engine = describeEngine(run.generator);
  console.error(engine.label);
  if (mode === "paper" && task === "understanding") console.error("understanding has no loop: each question is answered once.");
  else if (mode === "paper" && run.settings.singlePass) console.error(`The profile ${settings.profile} has no critic: paper mode is a single pass.`);
  console.error(
    `SArena ${task}: ${records.length} item(s) from ${values.jsonl} into ${values.out} (${mode} mode, profile ${settings.profile}, concurrency ${concurrency})`,
  );

  const progress = createBatchProgress({ total: records.length, tty: Boolean(process.stderr.isTTY) });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      progress.stop();
      console.error("\nQuit at once; re-run the same command to continue.");
      process.exit(130);
    }
    progress.log("Stopping: aborting the requests in flight (Ctrl-C again to quit at once)…");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);

  const interrupted = await runSarenaTask({
    task,
    records,
    dir: values.out,
    config,
    settings,
    mode,
    concurrency,
    signal: controller.signal,
    retryFailed: values["retry-failed"],
    retry: {
      attempts,
      onRetry: ({ role, attempt, attempts: all, delayMs, error }) =>
        progress.log(`retry: ${role} failed (${error.code}: ${error.message}); attempt ${attempt + 1}/${all} in ${(delayMs / 1000).toFixed(1)} s`),
    },
    onItemEnd: (outcome, skipped) => progress.itemEnd(outcome, skipped),
    onItemError: (key, error) => progress.log(`error: item ${key} could not be stored: ${error.message}`),
  });
  progress.stop();

  const report = await evaluateSarenaTask({
    task,
    records,
    dir: values.out,
    mode,
    jsonl: values.jsonl,
    profile: settings.profile ?? null,
    engine: engine.kind,
    model: resolveStudioRun(config, { settings: run.settings }).record.generator.model ?? null,
    interrupted,
    onWarning: (m) => console.error(`warning: ${m}`),
  });
  console.error("");
  console.error(formatReport(task, report));
  console.error(`Wrote ${values.out}/${task}/ and ${values.out}/report.json`);
  if (interrupted) {
    console.error("Interrupted: re-run the same command to continue.");
    return 130;
  }
  const figures = report.summary ?? report.understanding;
  if (figures && figures.answered < figures.items) {
    console.error(`${figures.items - figures.answered} item(s) have no answer: re-run to try them again (a refused one needs its cause fixed).`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof OutputFolderError || e instanceof ConfigError) {
      console.error(`sarena: ${e.message}`);
      if (e instanceof UsageError) console.error(`\n${USAGE}`);
      process.exit(2);
    }
    console.error(`The SArena run could not finish: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
