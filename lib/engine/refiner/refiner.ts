/**
 * The refiner role: draft SVG + critique + suggestions → improved SVG. It reads the numbered
 * suggestions (and the critique) for what to fix, but re-measures the draft itself by rendering
 * it exactly as the critic would see it: a fix is applied only when its own measurement confirms
 * the problem, and problems the text does not mention are still found. It applies one kind of
 * fix per round, most important first, as a model refining step by step would:
 *  - regenerate: the draft is blank or not an SVG;
 *  - fit: recentre and rescale the whole drawing into the canvas (fixes small, off-centre,
 *    clipped and tight margins in one move);
 *  - recolour: move the heaviest colour group of the drawing to the asked colour(s);
 *  - add-subject: the suggestions ask to add the prompt's second subject; it is drawn as a badge.
 *  - add / restyle: the critic found a named subject, scenery or count missing, or the wrong
 *    style ("Add a brick wall behind the bicycle", "Restyle the drawing as line art"): the
 *    drawing is composed again with everything the brief names, laid out as the prompt says.
 */
import { assessImage, type Assessment, type Finding } from "../critic/critic";
import { type ColourWord, findColourMentions } from "../vocabulary/colour-words";
import { decodePng } from "../drawing/image-measure";
import { fitPlacement, generateSvg } from "../generator/generator";
import { iconArtwork } from "../vocabulary/icon-sets";
import { badgeDisc, colourIconMarkup, lineIconMarkup, placeMarkup } from "../drawing/compose-svg";
import { planBrief, promptWords, type PromptPlan } from "../vocabulary/prompt-plan";
import { recolourToward, declaredColours } from "../drawing/recolour";
import { drawingExtent } from "../drawing/render";
import { placeDrawing, parseSvg, SVG_OPEN } from "../drawing/svg-document";
import { num } from "../drawing/seeded";
import { renderSvgPng } from "../../raster/node";
import { extractSvg } from "../../svg/extract-svg";
import { closePartialSvg } from "../../svg/close-partial-svg";
import { validateSvg } from "../../svg/validate-svg";

export type FixKind = "regenerate" | "fit" | "recolour" | "add-subject" | "add" | "restyle";

export interface RefineInput {
  originPrompt: string;
  svg: string;
  critique: string;
  suggestions: string;
}

export interface RefineResult {
  svg: string;
  /** The fix applied this round, or null when nothing needed (or could be) changed. */
  applied: FixKind | null;
  /** Fixes asked for by the suggestions, in their order, as understood. */
  requested: FixKind[];
  /** The refiner's own assessment of the draft before the fix. */
  before: Assessment | null;
}

/** What a suggestion or critique sentence asks for. */
export function readRequest(text: string): { kind: FixKind; colours: ColourWord[] } | null {
  const t = text.toLowerCase();
  const colours = findColourMentions(promptWords(t)).map((m) => m.colour);
  if (/\b(recolou?r|colou?r|palette|more prominent|fill|hue|tint)\b/.test(t) && colours.length > 0) return { kind: "recolour", colours };
  if (/\b(canvas is (currently )?empty|blank canvas|nothing is drawn|draw the subject)\b/.test(t)) return { kind: "regenerate", colours };
  if (
    /\b(scale|enlarge|bigger|larger|undersized|too small|recentre|recenter|centre|center|centred|centered|off-centre|off-center|move|shift|clipped|cut off|inside the canvas|within the canvas|margin|touches)\b/.test(
      t,
    )
  ) {
    return { kind: "fit", colours };
  }
  if (/\b(restyle|line art|outlines only|filled shapes)\b/.test(t)) return { kind: "restyle", colours };
  if (/\b(add|include|missing|lacks)\b/.test(t)) return { kind: "add", colours };
  return null;
}

/** Splits "1. … 2. …" (on one line or several) into items. */
export function splitSuggestions(text: string): string[] {
  return text
    .split(/(?:^|\s)(?=\d+\.\s)/)
    .map((s) => s.replace(/^\d+\.\s*/, "").trim())
    .filter(Boolean);
}

function findingFix(f: Finding): FixKind | null {
  switch (f.kind) {
    case "blank":
    case "sparse":
      return "regenerate";
    case "clipped":
    case "small":
    case "offcentre":
    case "tight":
      return "fit";
    case "colour-missing":
    case "colour-weak":
    case "subject-colour":
      return "recolour";
    case "subject-missing":
    case "scenery-missing":
    case "count":
      return "add";
    case "style":
      return "restyle";
    default:
      return null;
  }
}

function assess(svg: string, prompt: string): Assessment | null {
  try {
    return assessImage(decodePng(renderSvgPng(svg)), prompt);
  } catch {
    return null;
  }
}

function readableSvg(text: string): string | null {
  const extracted = extractSvg(text);
  if (extracted.status === "missing") return null;
  const svg = extracted.status === "ok" ? extracted.svg : closePartialSvg(extracted.svg);
  if (!svg || !validateSvg(svg).ok) return null;
  return svg;
}

function applyFit(svg: string): string | null {
  const extent = drawingExtent(svg);
  if (!extent) return null;
  return placeDrawing(svg, fitPlacement(extent));
}

function applyRecolour(svg: string, a: Assessment): string | null {
  const lacking = a.findings.filter((f) => f.kind === "colour-missing" || f.kind === "colour-weak" || f.kind === "subject-colour").map((f) => f.colour!);
  if (lacking.length === 0) return null;
  const canonical = placeDrawing(svg);
  const weak = a.findings.filter((f) => f.kind === "colour-weak").map((f) => f.colour!.name);
  // All asked colours go in, so colours already present keep their shapes.
  const { svg: recoloured, applied } = recolourToward(canonical, a.asked, { force: weak });
  let out = recoloured;
  const unplaced = lacking.filter((c) => !applied.some((x) => x.colour.name === c.name));
  if (unplaced.length > 0 && declaredColours(canonical).length === 0) {
    // Undeclared (black) fills: give the wrapper a fill its shapes inherit.
    out = out.replace(/^(<svg[^>]*><g transform="[^"]*")/, `$1 fill="${unplaced.shift()!.hex}"`);
  }
  if (unplaced.length > 0) {
    // No colour group left to move: frame the drawing with an accent ring in the colour.
    const e = drawingExtent(out);
    if (e) {
      const r = Math.max(e.x1 - e.x0, e.y1 - e.y0) / 2 + 10;
      const rings = unplaced
        .map(
          (c, i) =>
            `<circle cx="${num((e.x0 + e.x1) / 2)}" cy="${num((e.y0 + e.y1) / 2)}" r="${num(r + i * 10)}" fill="none" stroke="${c.hex}" stroke-width="7"/>`,
        )
        .join("");
      out = out.replace(/<\/svg>\s*$/, `${rings}</svg>`);
    }
  }
  return out === canonical ? null : out;
}

function applyAddSubject(svg: string, plan: PromptPlan): string | null {
  const second = plan.second;
  if (!second) return null;
  const art = iconArtwork(second.match.entry.set, second.match.entry.name);
  if (!art) return null;
  const colour = second.colours[0]?.hex ?? plan.colours.find((c) => c.name !== "white")?.hex ?? "#263238";
  const seat = { cx: 152, cy: 152, size: 70 };
  const markup = art.set === "line" ? lineIconMarkup(art, colour) : colourIconMarkup(art, second.colours);
  const badge = badgeDisc(seat, colour) + placeMarkup(markup, art, { ...seat, size: seat.size * 0.62 }, "r2");
  const canonical = placeDrawing(svg);
  const parts = parseSvg(canonical);
  if (!parts) return null;
  // Make room: the main drawing moves up-left a little and shrinks, the badge sits bottom-right.
  const main = placeDrawing(canonical, { s: 0.86, tx: 4, ty: 4 });
  const inner = parseSvg(main)?.inner ?? parts.inner;
  const composed = `${SVG_OPEN}${inner}${badge}</svg>`;
  // Then the whole composition is fitted to the canvas like any drawing.
  return applyFit(composed) ?? composed;
}

export function refineSvg(input: RefineInput): RefineResult {
  const prompt = input.originPrompt;
  const requestedItems = [...splitSuggestions(input.suggestions), input.critique]
    .map(readRequest)
    .filter((r): r is NonNullable<ReturnType<typeof readRequest>> => r !== null);
  const requested = [...new Set(requestedItems.map((r) => r.kind))];
  const draft = readableSvg(input.svg);
  const before = draft ? assess(draft, prompt) : null;
  if (!draft || !before) {
    return { svg: generateSvg(prompt, { flaws: [] }).svg, applied: "regenerate", requested, before };
  }

  // The refiner's own view: fixes for what it measured, most severe first.
  const measured = [...before.findings]
    .sort((x, y) => y.penalty - x.penalty)
    .map(findingFix)
    .filter((k): k is FixKind => k !== null);
  const confirmed = requested.filter((k) => measured.includes(k) || (k === "add" && asksForNamedThing(input)));
  const order = [...new Set([...confirmed, ...measured])];

  const plan = planBrief(prompt);
  for (const kind of order) {
    let out: string | null = null;
    if (kind === "regenerate") out = generateSvg(prompt, { flaws: [] }).svg;
    else if (kind === "fit") out = applyFit(draft);
    else if (kind === "recolour") out = applyRecolour(draft, before);
    else if (kind === "add-subject") out = applyAddSubject(draft, plan);
    else if (kind === "add" || kind === "restyle") out = generateSvg(prompt, { flaws: [] }).svg;
    if (out && out !== draft) return { svg: out, applied: kind, requested, before };
  }
  return { svg: draft, applied: null, requested, before };
}

/** The suggestions ask to add something the brief names (its second subject, or its scenery). */
function asksForNamedThing(input: RefineInput): boolean {
  const plan = planBrief(input.originPrompt);
  const names = [...(plan.second?.label.split(" ") ?? []), ...plan.scenery];
  const text = `${input.suggestions} ${input.critique}`.toLowerCase();
  return names.some((w) => w.length > 2 && new RegExp(`\\b(add|include|missing|lacks)\\b[^.]*\\b${w}`).test(text));
}
