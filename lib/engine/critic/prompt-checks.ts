/**
 * The critic reading the render against the prompt: what the prompt (and the designer's notes)
 * says must be there, looked for in the pixels. Each subject is searched for with the artwork that
 * would draw it (drawing/see-artwork.ts) and its colour read where it was found; the count of a
 * counted subject; the scenery by the colours of where it belongs (a sky across the top, grass
 * along the bottom); the style by how much of the drawing is thin strokes. Named things that no
 * artwork exists for are said to be missing, plainly.
 */
import { findArtwork, PRESENT, type ArtworkMatch } from "../drawing/see-artwork";
import type { ImageMeasure, Rgba } from "../drawing/image-measure";
import { artworkOptions } from "../vocabulary/artwork-choice";
import { classifyRgb, type ColourFamily } from "../vocabulary/colour-words";
import type { PromptPlan, SubjectPlan } from "../vocabulary/prompt-plan";
import { SCENERY_LABEL, type SceneryKind } from "../vocabulary/scene-words";
import type { Finding, Seen } from "./findings";

/** Above this a subject is clearly there; between PRESENT and it, only roughly. */
const CLEAR = 0.74;

function bestMatch(img: Rgba, subject: SubjectPlan, plan: PromptPlan, limit = 1): ArtworkMatch[] {
  let best: ArtworkMatch[] = [];
  for (const art of artworkOptions(subject, plan).slice(0, 2)) {
    const found = findArtwork(img, art, limit);
    if ((found[0]?.score ?? 0) > (best[0]?.score ?? 0)) best = found;
  }
  return best;
}

function whereOf(box: ArtworkMatch["box"]): string {
  const cx = (box.x0 + box.x1) / 2,
    cy = (box.y0 + box.y1) / 2;
  const h = cx < 0.4 ? "left" : cx > 0.6 ? "right" : "";
  const v = cy < 0.4 ? "upper" : cy > 0.6 ? "lower" : "";
  if (!h && !v) return "in the centre";
  if (!v) return `on the ${h}`;
  return h ? `in the ${v} ${h}` : `in the ${v} half`;
}

function share(img: Rgba, x0: number, y0: number, x1: number, y1: number, test: (r: number, g: number, b: number, f: ColourFamily) => boolean): number {
  let n = 0,
    hit = 0;
  const step = Math.max(1, Math.floor(img.width / 100));
  for (let y = Math.floor(y0 * img.height); y < y1 * img.height; y += step) {
    for (let x = Math.floor(x0 * img.width); x < x1 * img.width; x += step) {
      const i = (y * img.width + x) * 4;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      n += 1;
      if (test(r, g, b, classifyRgb(r, g, b))) hit += 1;
    }
  }
  return n ? hit / n : 0;
}

const among = (families: ColourFamily[]) => (_r: number, _g: number, _b: number, f: ColourFamily) => families.includes(f);

/** A band across the lower half in the floor's colours (wherever the drawing was scaled to). */
function floorBand(img: Rgba, test: Parameters<typeof share>[5]): boolean {
  for (let y = 0.5; y <= 0.92; y += 0.03) if (share(img, 0.2, y, 0.8, y + 0.06, test) >= 0.6) return true;
  return false;
}

/** Whether the render shows this scenery where it belongs. */
export function sceneryShown(img: Rgba, kind: SceneryKind): boolean {
  switch (kind) {
    case "sky":
      return share(img, 0.15, 0.12, 0.85, 0.34, among(["blue", "teal"])) >= 0.4;
    case "sunset":
      return share(img, 0.12, 0.12, 0.88, 0.6, among(["orange", "pink", "yellow", "red"])) >= 0.5;
    case "night":
      return share(img, 0.12, 0.12, 0.88, 0.4, (r, g, b) => 0.299 * r + 0.587 * g + 0.114 * b < 90) >= 0.5;
    case "wall":
      return (
        share(img, 0.12, 0.12, 0.88, 0.6, among(["red", "brown", "orange"])) >= 0.3 &&
        share(img, 0.12, 0.12, 0.88, 0.6, among(["beige", "gray", "white"])) >= 0.08
      );
    case "grass":
      return floorBand(img, among(["green"]));
    case "ground":
      return floorBand(img, among(["brown", "beige"]));
    case "water":
      return floorBand(img, among(["blue", "teal"]));
    case "sand":
      return floorBand(img, among(["beige", "yellow"]));
    case "snow":
      return floorBand(img, (r, g, b, f) => (f === "white" || f === "gray") && Math.min(r, g, b) < 250);
  }
}

/**
 * Strokes or filled shapes: line art when little of its ink lies in solid areas (bold strokes
 * included), or when the ink covers little of its bounding box.
 */
export function drawnStyle(m: ImageMeasure): "line" | "filled" {
  const area = m.bbox ? Math.max(0.01, (m.bbox.x1 - m.bbox.x0) * (m.bbox.y1 - m.bbox.y0)) : 1;
  return m.inkFraction / area < 0.5 || (m.bbox !== null && m.solidFraction < LINE_SOLID_SHARE) ? "line" : "filled";
}

/** Below this share of solid ink a drawing is strokes (a filled emoji keeps most of its ink solid). */
const LINE_SOLID_SHARE = 0.2;

function colourName(match: ArtworkMatch): string | null {
  return match.colours[0]?.family ?? null;
}

/**
 * What a subject seen only roughly costs: more the closer its likeness is to not being there at
 * all. A flat cost let a generic shape (a heart, a circle, a tile) that any other drawing half
 * resembles cost another prompt's drawing no more than a prompt's own slightly-off draft: over
 * rows 200–899 of the example prompts, own-vs-other pairs 2 points apart went 351 → 357 of 400.
 */
export function unclearPenalty(score: number, role: "main" | "second"): number {
  const doubt = Math.min(1, Math.max(0, (CLEAR - score) / (CLEAR - PRESENT)));
  return role === "main" ? 1.4 + 2.2 * doubt : 0.8 + 0.8 * doubt;
}

/**
 * What a subject's missing colour adds when the colour is missing from the whole drawing as well
 * (colour-missing): one slip, named in both findings, counted mostly once. Own drafts with a
 * colour slip paid 4 points for it.
 */
export const SUBJECT_COLOUR_ALREADY_MISSING = 0.6;

/** The findings about what the prompt names, and what was seen. */
export function checkPrompt(
  img: Rgba,
  m: ImageMeasure,
  plan: PromptPlan,
  missingColours: ReadonlySet<string> = new Set(),
): { findings: Finding[]; seen: Seen } {
  const findings: Finding[] = [];
  const seen: Seen = { style: drawnStyle(m), found: [], scenery: [] };
  const main = plan.main;
  const subjects: [SubjectPlan, "main" | "second"][] = [];
  if (main) subjects.push([main, "main"]);
  if (plan.second) subjects.push([plan.second, "second"]);
  for (const [subject, role] of subjects) {
    const count = role === "main" ? plan.count : 1;
    const matches = bestMatch(img, subject, plan, count);
    const top = matches[0];
    const label = subject.label || subject.match.entry.name.replace(/-/g, " ");
    const anchor = role === "second" && main ? main.label : undefined;
    if (!top || top.score < PRESENT) {
      findings.push({ kind: "subject-missing", penalty: role === "main" ? 5.2 : 2.4, label, role, anchor });
      continue;
    }
    seen.found.push({ label, where: whereOf(top.box), colour: colourName(top) });
    if (top.score < CLEAR) findings.push({ kind: "subject-unclear", penalty: unclearPenalty(top.score, role), label, role });
    // A part's colour ("a gray tip") is checked with the palette, not asked of the whole subject.
    const wanted = subject.ownColours.filter((c) => c.name !== "white" && c.name !== "cream");
    const families = top.colours.filter((c) => c.share >= 0.2).map((c) => c.family);
    for (const colour of wanted.slice(0, 1)) {
      if (!families.some((f) => colour.accepts.includes(f)))
        findings.push({
          kind: "subject-colour",
          penalty: missingColours.has(colour.name) ? SUBJECT_COLOUR_ALREADY_MISSING : 1.6,
          label,
          role,
          colour,
          note: families[0] ?? "gray",
        });
    }
    if (count > 1) {
      const clear = matches.filter((x) => x.score >= PRESENT).length;
      if (clear < count) findings.push({ kind: "count", penalty: Math.min(2.4, 0.9 * (count - clear)), label, asked: count, seen: clear });
    }
  }
  for (const kind of plan.scenery) {
    if (sceneryShown(img, kind)) seen.scenery.push(SCENERY_LABEL[kind]);
    else findings.push({ kind: "scenery-missing", penalty: 1.8, label: SCENERY_LABEL[kind], anchor: main?.label });
  }
  if (plan.style && seen.style !== plan.style && m.bbox) findings.push({ kind: "style", penalty: 1.6, style: plan.style });
  plan.unmatched.slice(0, 2).forEach((label) => findings.push({ kind: "no-artwork", penalty: 0.7, label, anchor: main?.label }));
  return { findings, seen };
}
