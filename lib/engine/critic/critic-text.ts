/**
 * The critic's prose, written the way the training examples are: one paragraph on how far the
 * draft meets the prompt, its aesthetics, colour and geometric construction compared with an
 * ideal version; then 2–4 numbered, actionable SVG suggestions (or the affirmative sentence).
 * Every number in it comes from the measurements. Suggestions use fixed key phrases ("Scale the
 * drawing up", "Recentre the composition", "Recolour … to blue") that the refiner reads back.
 */
import type { Assessment, Finding } from "./findings";
import { dominantFamilies, type ImageMeasure } from "../drawing/image-measure";
import { hashString, seededRandom } from "../drawing/seeded";

export const AFFIRMATIVE = "The overall quality is excellent, no changes are needed.";
/** Score at or above which the critic says no changes are needed (the studio stops at 9.5). */
export const EXCELLENT = 9.5;

/** Colour family names of the drawing, largest first, e.g. "blue and gray". */
export function paletteWords(m: ImageMeasure): string {
  const names = dominantFamilies(m, 3)
    .filter((f) => f.share >= 0.08)
    .map((f) => f.family);
  if (names.length === 0) return "muted tones";
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function pct(v: number): number {
  return Math.round(v * 100);
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function has(a: Assessment, kind: Finding["kind"]): Finding | undefined {
  return a.findings.find((f) => f.kind === kind);
}

export function critiqueText(a: Assessment): string {
  const rng = seededRandom(hashString(`critique:${a.prompt}:${a.score}`));
  const m = a.measure;
  const prompt = a.prompt.trim().replace(/\s+/g, " ");
  if (has(a, "blank")) {
    return (
      `The draft is essentially a blank canvas: almost nothing is drawn inside the 200×200 frame (${(m.inkFraction * 100).toFixed(2)}% of the pixels carry ink), ` +
      `so it does not convey "${prompt}" at all. There is no silhouette, no colour and no geometric construction to evaluate; ` +
      `an ideal version would present the subject as clear filled shapes centred on the canvas.`
    );
  }
  const sentences: string[] = [];
  const palette = paletteWords(m);
  sentences.push(describeDrawing(a, prompt, rng));
  const content = contentSentence(a);
  if (content) sentences.push(content);

  // Colour.
  const missing = a.findings.filter((f) => f.kind === "colour-missing");
  const weak = a.findings.filter((f) => f.kind === "colour-weak");
  if (missing.length > 0) {
    sentences.push(
      `The colour scheme misses what the prompt asks for: no ${list(missing.map((f) => f.colour!.name))} is visible, ` +
        `so the palette of ${palette} departs clearly from the intended design.`,
    );
  } else if (weak.length > 0) {
    sentences.push(
      `${capital(list(weak.map((f) => f.colour!.name)))} appears only faintly (about ${pct(weak[0].share ?? 0)}% of the drawn area), ` +
        `weaker than an ideal version where the requested colour carries the main shapes.`,
    );
  } else if (a.present.length > 0) {
    sentences.push(
      rng.pick([
        `The requested ${list(a.present.map((c) => c.name))} ${a.present.length > 1 ? "are" : "is"} clearly present, and the colours are clean and harmonious.`,
        `Colour-wise the draft follows the prompt: ${list(a.present.map((c) => c.name))} ${a.present.length > 1 ? "are" : "is"} used on the main shapes.`,
      ]),
    );
  } else {
    sentences.push(`The palette of ${palette} is coherent and reads well against the white background.`);
  }

  // Geometric construction.
  const geometry: string[] = [];
  const clipped = has(a, "clipped");
  if (clipped) geometry.push(`part of the artwork is cut off at the ${list(clipped.edges ?? [])} edge of the canvas`);
  if (has(a, "small")) geometry.push(`the artwork is undersized, spanning only about ${pct(m.size)}% of the canvas and leaving large empty margins`);
  if (has(a, "offcentre")) {
    geometry.push(`the composition sits off-centre, shifted about ${shiftWords(m.offset.dx, m.offset.dy, false)}`);
  }
  const tight = has(a, "tight");
  if (tight) geometry.push(`the shapes touch the ${list(tight.edges ?? [])} border with no breathing room`);
  if (has(a, "sparse")) geometry.push(`the strokes are so thin and sparse that the subject barely registers`);
  if (geometry.length > 0) {
    sentences.push(`In terms of geometric construction, ${list(geometry)}, which weakens the balance compared to an ideal version.`);
  } else {
    sentences.push(
      rng.pick([
        `Geometrically the icon is well built: centred, occupying about ${pct(m.size)}% of the canvas with even margins and clean, consistent shapes.`,
        `The geometric construction is solid: the silhouette is centred with balanced margins and spans about ${pct(m.size)}% of the frame.`,
      ]),
    );
  }

  // Overall aesthetics.
  if (a.score >= EXCELLENT) {
    sentences.push(
      rng.pick([
        "Overall the draft is polished and very close to an ideal version.",
        "Aesthetically it is simple, legible and professional; only minute refinements could be considered.",
      ]),
    );
  } else if (a.score >= 7) {
    sentences.push("Aesthetically the draft is pleasant, but the issues above keep it from matching an ideal version.");
  } else {
    sentences.push("Overall the aesthetics suffer noticeably from these shortcomings, and the draft falls well short of an ideal version.");
  }
  return sentences.join(" ");
}

/** "34px up" / "20px left and 12px down", in canvas pixels; `fix` gives the correcting move. */
function shiftWords(dx: number, dy: number, fix: boolean): string {
  const sx = fix ? -dx : dx;
  const sy = fix ? -dy : dy;
  const parts: string[] = [];
  if (Math.round(Math.abs(sx) * 200) >= 2) parts.push(`${Math.round(Math.abs(sx) * 200)}px ${sx >= 0 ? "right" : "left"}`);
  if (Math.round(Math.abs(sy) * 200) >= 2) parts.push(`${Math.round(Math.abs(sy) * 200)}px ${sy >= 0 ? "down" : "up"}`);
  return parts.length ? parts.join(" and ") : "a few pixels";
}

/** Where a second subject goes, from the prompt's own wording. */
function placeWords(a: Assessment): string {
  const rel = /\bwearing\b/.test(a.prompt)
    ? "wearing"
    : /\b(in the (middle|center|centre)|inside|on it|containing)\b/.test(a.prompt)
      ? "inside"
      : /\b(on|atop|onto)\b/.test(a.prompt)
        ? "on"
        : "beside";
  return rel === "wearing" ? "worn by" : rel === "inside" ? "in the middle of" : rel === "on" ? "under" : "beside";
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What is actually drawn: filled or line, its colours, the named things found and where. */
function describeDrawing(a: Assessment, prompt: string, rng: ReturnType<typeof seededRandom>): string {
  const style = a.seen.style === "line" ? "a line-art" : "a flat, filled";
  const palette = paletteWords(a.measure);
  const found = a.seen.found.map((f) => `${article(f.label)} ${f.where}${f.colour ? ` (${f.colour})` : ""}`);
  const scenery = a.seen.scenery.length ? `, set against ${list(a.seen.scenery)}` : "";
  const what = found.length
    ? `: ${list(found)}${scenery}`
    : a.seen.scenery.length
      ? `: ${list(a.seen.scenery)}, with no subject of the prompt recognisable`
      : ", in which no subject of the prompt can be recognised";
  return rng.pick([
    `The draft is ${style} drawing in ${palette}${what}, for the prompt "${prompt}".`,
    `For "${prompt}", the draft shows ${style} drawing in ${palette}${what}.`,
  ]);
}

function article(label: string): string {
  return /^(a|an|the|some)\s/.test(label) ? label : `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

/** What the prompt names that the render does not show (or shows wrongly). */
function contentSentence(a: Assessment): string | null {
  const parts: string[] = [];
  for (const f of a.findings) {
    if (f.kind === "subject-missing")
      parts.push(f.role === "main" ? `the ${f.label}, the prompt's main subject, is not recognisable anywhere in the image` : `the ${f.label} is missing`);
    else if (f.kind === "subject-unclear") parts.push(`the ${f.label} is only roughly recognisable`);
    else if (f.kind === "subject-colour") parts.push(`the ${f.label} is ${f.note} rather than ${f.colour!.name}`);
    else if (f.kind === "count") parts.push(`only ${f.seen} ${f.label} ${f.seen === 1 ? "is" : "are"} drawn where the prompt asks for ${f.asked}`);
    else if (f.kind === "scenery-missing") parts.push(`${f.label} is missing`);
    else if (f.kind === "style")
      parts.push(
        f.style === "line"
          ? "it is drawn with filled shapes although the prompt asks for line art"
          : "it is drawn in outline although the prompt asks for filled shapes",
      );
  }
  const noArt = a.findings.filter((f) => f.kind === "no-artwork").map((f) => `"${f.label}"`);
  const sentences: string[] = [];
  if (parts.length) sentences.push(`Against the prompt, ${list(parts)}.`);
  if (noArt.length) {
    sentences.push(
      `The prompt also names ${list(noArt)}, for which the built-in engine has no artwork: it is not drawn, and no refinement of this engine can add it.`,
    );
  }
  return sentences.length ? sentences.join(" ") : null;
}

function suggestionFor(f: Finding, a: Assessment): string | null {
  const m = a.measure;
  switch (f.kind) {
    case "subject-missing":
      if (f.role === "main") return `Draw the ${f.label} as the main subject, centred and filling about three quarters of the canvas.`;
      return `Add ${article(f.label ?? "second subject")} ${placeWords(a)} the ${f.anchor ?? "main subject"}.`;
    case "subject-unclear":
      return null;
    case "subject-colour":
      return `Recolour the ${f.label} to ${f.colour!.name} (for example ${f.colour!.hex}); it is ${f.note} now.`;
    case "count":
      return `Draw ${f.asked} ${f.label}, evenly spaced, instead of ${f.seen}.`;
    case "scenery-missing":
      return /grass|ground|water|sand|snow/.test(f.label ?? "")
        ? `Add ${f.label} along the bottom, under the ${f.anchor ?? "subject"}.`
        : `Add ${f.label} behind the ${f.anchor ?? "subject"}.`;
    case "style":
      return f.style === "line"
        ? "Restyle the drawing as line art: outlines only, with no filled areas."
        : "Restyle the drawing with filled shapes instead of outlines.";
    case "no-artwork":
      return null;
    case "blank":
      return `Draw the subject with visible filled paths inside viewBox="0 0 200 200"; the canvas is currently empty.`;
    case "sparse":
      return `Make the drawing bolder with thicker strokes or filled areas; the shapes currently cover only ${(m.inkFraction * 100).toFixed(1)}% of the canvas.`;
    case "clipped":
      return `Bring the shapes clipped at the ${list(f.edges ?? [])} edge back inside the canvas, keeping a margin of at least 10px on every side.`;
    case "tight":
      return `Leave a margin of at least 10px around the artwork; it currently touches the ${list(f.edges ?? [])} edge.`;
    case "small": {
      const factor = (0.78 / Math.max(0.05, m.size)).toFixed(1);
      return `Scale the drawing up by about ${factor}× so it spans roughly 75–80% of the canvas (it currently spans ${pct(m.size)}%).`;
    }
    case "offcentre": {
      return `Recentre the composition: move it about ${shiftWords(m.offset.dx, m.offset.dy, true)} so its bounding box is centred at (100, 100).`;
    }
    case "colour-missing":
      return `Recolour the main shapes to ${f.colour!.name} (for example ${f.colour!.hex}) as the prompt asks; no ${f.colour!.name} is visible now.`;
    case "colour-weak":
      return `Make ${f.colour!.name} more prominent by using ${f.colour!.hex} on the largest shapes; it covers only ${pct(f.share ?? 0)}% of the drawing.`;
    default:
      return null;
  }
}

const GENERIC = [
  "Keep stroke weights and corner radii consistent across all shapes for a cleaner, more unified look.",
  "Simplify overlapping details so the silhouette reads clearly even when the icon is displayed at 32px.",
  "Give one of the main shapes a subtle second tone for a little more depth in the flat design.",
];

export function suggestionText(a: Assessment): string {
  if (a.score >= EXCELLENT) return AFFIRMATIVE;
  const items = [...a.findings]
    .sort((x, y) => y.penalty - x.penalty)
    .map((f) => suggestionFor(f, a))
    .filter((s): s is string => s !== null);
  const unique = [...new Set(items)].slice(0, 4);
  const rng = seededRandom(hashString(`suggestions:${a.prompt}`));
  const start = rng.int(GENERIC.length);
  for (let i = 0; unique.length < 2 && i < GENERIC.length; i++) unique.push(GENERIC[(start + i) % GENERIC.length]);
  return unique.map((s, i) => `${i + 1}. ${s}`).join("\n");
}
