/**
 * The candidates benchmark (not a timed test): how long the draft step takes with 4 candidates
 * against with 1, through the same loop the batch and the CLI run (the Node model port, resvg),
 * against the paced fixture upstream at the batch benchmark's pace. The fixture streams every
 * request at the same pace however many are in flight, as a GPU server batching concurrent
 * requests roughly does, so the ratio is what the studio's side adds: four requests instead of
 * one, four renders and four critiques at once, the choice. Target: ≤ 1.3.
 *
 * A draft step is one loop with no refinement budget: draft(s), render(s), critique(s), choice.
 * Each figure is a median over `runs` prompts from the example prompts; results go to
 * bench/runs/candidates.json (and bench/results/ with --baseline).
 */
import { performance } from "node:perf_hooks";
import { FIXTURE_PACE } from "./bench-batch";
import { startPacedUpstream } from "../test/support/paced-upstream";
import { examplePrompts } from "../test/support/example-prompts";
import { runLoopToEnd } from "../lib/loop/run-loop-to-end";
import { readInferenceConfig } from "../lib/steps/config";
import { createNodeModelPort } from "../lib/steps/node-model-port";
import { rasterizeSvgNode } from "../lib/raster/node";
import type { LoopSettings } from "../lib/loop/loop-types";

export interface CandidatesBench {
  runs: number;
  oneMs: number;
  fourMs: number;
  ratio: number;
  target: number;
  samples: { one: number[]; four: number[] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runCandidatesBench(options: { runs?: number; log?: (line: string) => void } = {}): Promise<CandidatesBench> {
  const runs = options.runs ?? 7;
  const upstream = await startPacedUpstream(FIXTURE_PACE);
  try {
    const config = readInferenceConfig({ INFERENCE_BASE_URL: upstream.baseURL });
    const model = createNodeModelPort(config);
    const draftStep = async (prompt: string, candidates: number) => {
      const settings: LoopSettings = { mode: "paper", maxRefinements: 0, threshold: 9.5, ...(candidates > 1 ? { candidates } : {}) };
      const started = performance.now();
      const state = await runLoopToEnd({ prompt, settings, model, rasterize: (svg) => rasterizeSvgNode(svg) });
      const ms = performance.now() - started;
      if (state.status !== "done" || !state.rounds[0]?.critique) throw new Error(`The draft step for "${prompt}" ended ${state.status}.`);
      if (candidates > 1 && state.candidates?.length !== candidates)
        throw new Error(`Expected ${candidates} candidates, got ${state.candidates?.length ?? 0}.`);
      return ms;
    };
    const prompts = examplePrompts()
      .slice(0, runs)
      .map((p) => p.desc);
    // One warm-up of each (module loading, the first resvg call, connection set-up).
    await draftStep(prompts[0], 1);
    await draftStep(prompts[0], 4);
    const one: number[] = [];
    const four: number[] = [];
    // Interleaved, so a slow moment of a busy machine falls on both.
    for (const prompt of prompts) {
      one.push(await draftStep(prompt, 1));
      four.push(await draftStep(prompt, 4));
      options.log?.(`  ${prompt.slice(0, 40)}: 1 → ${one.at(-1)!.toFixed(0)} ms, 4 → ${four.at(-1)!.toFixed(0)} ms`);
    }
    const oneMs = median(one);
    const fourMs = median(four);
    return { runs, oneMs, fourMs, ratio: fourMs / oneMs, target: 1.3, samples: { one, four } };
  } finally {
    await upstream.close();
  }
}

export function formatCandidatesBench(b: CandidatesBench): string {
  return [
    `draft step, 1 candidate (median of ${b.runs})   ${b.oneMs.toFixed(0)} ms`,
    `draft step, 4 candidates (median of ${b.runs})  ${b.fourMs.toFixed(0)} ms`,
    `4 candidates ÷ 1                        ${b.ratio.toFixed(2)}  (target ≤ ${b.target}: ${b.ratio <= b.target ? "meets" : "MISSES"})`,
  ].join("\n");
}
