/** Test-only builders for loop states and rounds. */
import type { Critique } from "../../lib/introsvg/critique-parser";
import type { LoopSettings, LoopState, Round, StepMeta } from "../../lib/loop/loop-types";
import { INITIAL_LOOP_STATE } from "../../lib/loop/loop-types";
import { dataUrl, solidPng } from "./png";

export const META: StepMeta = { model: "m", usage: { inputTokens: 10, outputTokens: 20 }, ttftMs: 5, durationMs: 50, finishReason: "stop" };

export function svgOf(n: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#00000${n}" d="M${n} 0 L200 200 Z"/></svg>`;
}

export function critiqueOf(n: number, score: number): Critique {
  return { score, critique: `critique of round ${n}`, suggestions: `1. Fix round ${n}.\n2. Keep the palette.` };
}

/** A real 2×2 PNG per round (stored PNGs are checked as PNGs). */
export function pngOf(n: number): string {
  return dataUrl(solidPng(2, 2, [n % 256, 0, 0, 255]));
}

export function makeRound(index: number, patch: Partial<Round> = {}): Round {
  return {
    id: `round-${index}`,
    index,
    kind: index === 1 ? "draft" : "refine",
    sourceIndex: index === 1 ? null : index - 1,
    phase: "done",
    modelText: svgOf(index),
    svg: svgOf(index),
    truncated: null,
    generation: META,
    png: pngOf(index),
    critiqueText: "",
    critique: critiqueOf(index, 5),
    finalCritique: false,
    critiqueMeta: META,
    error: null,
    stoppedStep: null,
    notes: null,
    match: null,
    ...patch,
  };
}

/** A running session whose done rounds carry the given scores. */
export function stateWithScores(scores: number[], settings: Partial<LoopSettings> = {}): LoopState {
  return {
    ...INITIAL_LOOP_STATE,
    prompt: "a red kite",
    settings: { ...INITIAL_LOOP_STATE.settings, ...settings },
    status: "running",
    rounds: scores.map((score, i) => makeRound(i + 1, { critique: critiqueOf(i + 1, score) })),
  };
}
