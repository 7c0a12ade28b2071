/**
 * Which artwork draws a subject: its best icon match, or (for another seed) one of the close
 * alternatives; Tabler's "-filled" variant when solid shapes are asked for. The generator draws
 * with it and the critic looks for exactly these in a render, so both read the same choice.
 */
import { iconArtwork, type IconArtwork } from "./icon-sets";
import { SOLID_SHAPES } from "./icon-words";
import type { IconMatch } from "./icon-index";
import type { PromptPlan, SubjectPlan } from "./prompt-plan";

function artworkOf(match: IconMatch, plan: PromptPlan): IconArtwork | null {
  const { entry } = match;
  const wantsSolid = plan.solidMode || plan.style === "filled";
  const solid = entry.set === "line" && entry.filled && (wantsSolid || (entry.parts.length === 1 && SOLID_SHAPES.has(entry.name)));
  return (solid ? iconArtwork("line", entry.filled!) : null) ?? iconArtwork(entry.set, entry.name);
}

/** The subject's artwork for variant `variant` (0: the best match; others cycle through the alternatives). */
export function artworkFor(subject: SubjectPlan, plan: PromptPlan, variant = 0): IconArtwork | null {
  const options = [subject.match, ...subject.alternatives];
  return artworkOf(options[variant % options.length], plan) ?? artworkOf(subject.match, plan);
}

/** Every artwork a draft of this subject may use, whichever the seed. */
export function artworkOptions(subject: SubjectPlan, plan: PromptPlan): IconArtwork[] {
  const out: IconArtwork[] = [];
  for (const m of [subject.match, ...subject.alternatives]) {
    const art = artworkOf(m, plan);
    if (art && !out.some((a) => a.set === art.set && a.name === art.name)) out.push(art);
  }
  return out;
}
