/**
 * The corpus the export pipeline is checked over: real IntroSVG outputs (every SVG in the
 * training examples, fixtures/introsvg), the built-in engine's drawings for example prompts
 * spread over the 1,400 (drafts with their flaws, and the engine's colour and line artwork), and
 * the hostile corpus after sanitizing.
 */
import { generateSvg } from "../../lib/engine/generator/generator";
import { extractSvg } from "../../lib/svg/extract-svg";
import { sanitizeSvgInNode } from "../../lib/svg/sanitize-in-node";
import { examplePrompts } from "./example-prompts";
import { HOSTILE_SVGS } from "./hostile-svgs";
import { dpoRecords, refineRecords, trainDirect, criticRecords } from "./train-examples";

export interface CorpusSvg {
  label: string;
  svg: string;
}

function svgsIn(label: string, text: string): CorpusSvg[] {
  const found = extractSvg(text);
  return found.status === "ok" ? [{ label, svg: found.svg }] : [];
}

export function introsvgOutputs(): CorpusSvg[] {
  return [
    ...trainDirect().flatMap((t) => svgsIn(t.label, t.assistant)),
    ...refineRecords().flatMap((t) => [...svgsIn(`${t.label} input`, t.user), ...svgsIn(t.label, t.assistant)]),
    ...criticRecords().flatMap((t) => svgsIn(`${t.label} input`, t.user)),
    ...dpoRecords().flatMap((r) => [...svgsIn(`${r.label} chosen`, r.chosen), ...svgsIn(`${r.label} rejected`, r.rejected)]),
  ];
}

/** `count` example prompts evenly spread over the file, drawn by the built-in engine. */
export function engineDrawings(count = 24): CorpusSvg[] {
  const prompts = examplePrompts();
  const step = Math.max(1, Math.floor(prompts.length / count));
  return Array.from({ length: count }, (_, i) => prompts[(i * step) % prompts.length]).map((p) => ({
    label: `engine ${p.id}: ${p.desc.slice(0, 40)}`,
    svg: generateSvg(p.desc).svg,
  }));
}

export function sanitizedHostileSvgs(): CorpusSvg[] {
  return HOSTILE_SVGS.map((h) => ({ label: `hostile: ${h.label}`, svg: sanitizeSvgInNode(h.svg) }));
}

export function exportCorpus(engineCount?: number): CorpusSvg[] {
  return [...introsvgOutputs(), ...engineDrawings(engineCount), ...sanitizedHostileSvgs()];
}
