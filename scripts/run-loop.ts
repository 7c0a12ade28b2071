/**
 * `npm run loop -- "a red kite"`: one whole IntroSVG loop from the command line, on the same
 * modules the studio uses (reducer, nextStep, runner, steps, the Node rasterizer). Reads the
 * studio's environment (INFERENCE_BASE_URL, INFERENCE_API_KEY, INFERENCE_MODEL, …); with no
 * upstream set it runs on the built-in engine in-process, no server needed.
 *
 * Prints each round's progress to stderr and the best round's SVG to stdout (or --out FILE).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { selectBestRound } from "../lib/loop/loop-selectors";
import { runLoopToEnd } from "../lib/loop/run-loop-to-end";
import { nodeRasterize, warmNodeRasterize } from "../lib/batch/node-rasterize";
import { describeEngine } from "../lib/steps/config";
import { createNodeModelPort } from "../lib/steps/node-model-port";
import { LOOP_OPTIONS, runFromOptions, scriptConfig, UsageError } from "./cli-run";

const USAGE = `Usage: npm run loop -- "PROMPT" [--profile intro-svg|internsvg-8b|chat|…] [--mode paper|reference] [--max-refinements N] [--threshold X] [--out FILE] [--json]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ...LOOP_OPTIONS,
      out: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const prompt = positionals.join(" ").trim();
  if (values.help || !prompt) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let config: ReturnType<typeof scriptConfig>;
  let run: ReturnType<typeof runFromOptions>;
  try {
    config = scriptConfig();
    run = runFromOptions(config, values);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  warmNodeRasterize();
  const runSettings = run.settings;
  console.error(`${describeEngine(run.generator).label}`);
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());

  const state = await runLoopToEnd({
    prompt,
    settings: runSettings,
    model: createNodeModelPort(config),
    rasterize: nodeRasterize,
    signal: controller.signal,
    onEvent: (event, s) => {
      const round = "roundId" in event ? s.rounds.find((r) => r.id === event.roundId) : undefined;
      if (event.type === "roundStarted") console.error(`round ${s.rounds.length} (${event.kind}) …`);
      else if (event.type === "critiqueEnded" && round?.critique) console.error(`round ${round.index} scored ${round.critique.score.toFixed(1)}`);
      else if (event.type === "stepFailed") console.error(`round ${round?.index} ${event.step} failed: ${event.message}`);
    },
  });

  const best = selectBestRound(state);
  console.error(`${state.status}: ${state.rounds.length} round(s); best is ${best ? `round ${best.index} at ${best.critique?.score.toFixed(1)}` : "none"}`);
  const output = values.json ? JSON.stringify({ ...state, bestRoundIndex: best?.index ?? null }, null, 2) : (best?.svg ?? "");
  if (values.out) writeFileSync(values.out, output);
  else if (output) process.stdout.write(output + "\n");
  return state.status === "done" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`The loop could not run: ${(e as Error).message}`);
    process.exit(1);
  },
);
