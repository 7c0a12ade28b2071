/**
 * The generator role: prompt → SVG in the model's style. Icons are chosen from the prompt's
 * words (prompt-plan.ts), coloured as asked, composed (main subject, optional second subject
 * as a corner badge or centred), then measured and fitted into the canvas.
 *
 * Like a real first draft, the draft carries a realistic flaw about 60% of the time, chosen
 * deterministically from a hash of the prompt: drawn too small, off-centre, clipped at an edge,
 * or missing the asked colour (sometimes two of these). The critic measures such flaws from the
 * pixels and the refiner repairs them, so the loop visibly improves the drawing.
 */
import { classifyHex, type ColourWord } from "../vocabulary/colour-words";
import { badgeDisc, backdrop, colourIconMarkup, genericShapePath, lineIconMarkup, pathCount, placeMarkup, type Box, type GenericShape } from "../drawing/compose-svg";
import { iconArtwork, type IconArtwork } from "../vocabulary/icon-sets";
import { SOLID_SHAPES } from "../vocabulary/icon-words";
import { measurableColours, planPrompt, type PromptPlan, type SubjectPlan } from "../vocabulary/prompt-plan";
import { drawingExtent, renderAndMeasure, type Extent } from "../drawing/render";
import { colourShare } from "../drawing/image-measure";
import { hashString, seededRandom } from "../drawing/seeded";
import { countTokens } from "../protocol/tokenize";
import { CANVAS, safeComment, svgDocument, transformAttr, type Placement } from "../drawing/svg-document";

export type Flaw = "small" | "offcentre" | "clipped" | "colour";

export interface GeneratedSvg {
  svg: string;
  plan: PromptPlan;
  flaws: Flaw[];
  /** True when no icon matched and the labelled fallback was drawn. */
  fallback: boolean;
  /** "set:name" of each icon used. */
  icons: string[];
}

/**
 * The most tokens a drawing may take: the model's drafts run to a few thousand tokens, well
 * under the 6,000 its sampling allows. A composition over it (one colour icon's artwork runs to
 * ~10,000 tokens) drops its second subject, then falls back, rather than being cut off.
 */
export const DRAWING_TOKEN_BUDGET = 5000;

/** Ideal share of the canvas taken by the drawing's larger side. */
export const IDEAL_SIZE = 0.78;
const DEFAULT_LINE_COLOUR = "#263238";
const FALLBACK_PALETTE = ["#1e88e5", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#e53935"];
const WRONG_COLOURS = ["#78909c", "#fb8c00", "#1e88e5", "#8e24aa"];
const SHAPE_WORDS: Record<string, GenericShape> = {
  star: "star", stars: "star", circle: "circle", circles: "circle", dot: "circle", diamond: "diamond",
  hexagon: "hexagon", triangle: "triangle", square: "square", rectangle: "square",
};

export function fitPlacement(extent: Extent, size = IDEAL_SIZE, centre: [number, number] = [CANVAS / 2, CANVAS / 2]): Placement {
  const w = Math.max(1, extent.x1 - extent.x0);
  const h = Math.max(1, extent.y1 - extent.y0);
  const s = (size * CANVAS) / Math.max(w, h);
  return { s, tx: centre[0] - (s * (extent.x0 + extent.x1)) / 2, ty: centre[1] - (s * (extent.y0 + extent.y1)) / 2 };
}

/** A colour none of the asked colours accepts: what a draft "forgot". */
function wrongColour(asked: readonly ColourWord[]): string {
  return WRONG_COLOURS.find((hex) => !asked.some((c) => c.accepts.includes(classifyHex(hex)))) ?? "#78909c";
}

function artworkFor(subject: SubjectPlan, plan: PromptPlan): IconArtwork | null {
  const { entry } = subject.match;
  const solid = entry.set === "line" && entry.filled && (plan.solidMode || (entry.parts.length === 1 && SOLID_SHAPES.has(entry.name)));
  return (solid ? iconArtwork("line", entry.filled!) : null) ?? iconArtwork(entry.set, entry.name);
}

interface Design {
  content: string;
  fallback: boolean;
  icons: string[];
}

/** The composition in canvas coordinates, before fitting. `forgetColour` draws the colour flaw. */
export function designContent(plan: PromptPlan, forgetColour = false): Design {
  const design = composeDesign(plan, forgetColour);
  const fits = (d: Design) => countTokens(svgDocument(d.content)) <= DRAWING_TOKEN_BUDGET - 40; // room for the placing <g>
  if (fits(design) || design.fallback) return design;
  const alone = plan.second ? composeDesign({ ...plan, second: null }, forgetColour) : design;
  return fits(alone) ? alone : fallbackDesign(plan, forgetColour ? wrongColour(measurableColours(plan)) : null);
}

function composeDesign(plan: PromptPlan, forgetColour: boolean): Design {
  const asked = measurableColours(plan);
  const wrong = wrongColour(asked);
  const main = plan.main;
  const art = main ? artworkFor(main, plan) : null;
  if (!main || !art) return fallbackDesign(plan, forgetColour ? wrong : null);

  const mainColours = (main.colours.length ? main.colours : plan.second ? [] : plan.colours).filter((c) => c !== plan.background);
  const tinted = mainColours.filter((c) => c.name !== "white");
  const hasWhite = mainColours.some((c) => c.name === "white");
  const parts: string[] = [];
  const icons = [`${art.set}:${art.name}`];
  const corner = plan.second !== null && plan.placement === "corner";

  let backdropColour = plan.background?.hex ?? null;
  let lineColour = tinted[0]?.hex ?? DEFAULT_LINE_COLOUR;
  let secondary: string | undefined = tinted[1]?.hex;
  if (!backdropColour && art.set === "line" && hasWhite && tinted[0]) {
    // "a blue and white icon of X": X in white on a blue tile.
    backdropColour = tinted[0].hex;
    lineColour = tinted[1]?.hex ?? "#ffffff";
    secondary = undefined;
  } else if (backdropColour && classifyHex(backdropColour) === classifyHex(lineColour)) {
    lineColour = "#ffffff";
  } else if (backdropColour && !tinted[0]) {
    lineColour = "#ffffff";
  }
  if (forgetColour) {
    if (backdropColour && (lineColour === "#ffffff" || plan.background)) backdropColour = wrong;
    else lineColour = wrong;
    secondary = undefined;
  }

  let mainBox: Box = corner ? { cx: 90, cy: 90, size: 150 } : { cx: 100, cy: 100, size: 160 };
  if (backdropColour) {
    parts.push(backdrop(plan.backdropShape, backdropColour, { cx: 100, cy: 100, size: 180 }));
    mainBox = { cx: 100, cy: 100, size: art.set === "line" ? 112 : 120 };
  }
  const useSecondary = secondary && pathCount(art) > 1 ? secondary : undefined;
  const markup =
    art.set === "line" ? lineIconMarkup(art, lineColour, useSecondary) : colourIconMarkup(art, forgetColour ? [] : tinted);
  parts.push(placeMarkup(markup, art, mainBox, "s1"));
  if (art.set === "line" && secondary && !useSecondary && !backdropColour) {
    // One-path icon and a second colour: a ring in that colour frames it.
    parts.push(`<circle cx="100" cy="100" r="92" fill="none" stroke="${secondary}" stroke-width="8"/>`);
  }

  if (plan.second) {
    const art2 = artworkFor(plan.second, plan);
    if (art2) {
      const own = plan.second.colours.filter((c) => c.name !== "white");
      const colour2 = forgetColour ? wrong : own[0]?.hex ?? secondary ?? (tinted[0]?.hex ?? DEFAULT_LINE_COLOUR);
      const seat: Box = corner ? { cx: 150, cy: 150, size: 74 } : { cx: mainBox.cx, cy: mainBox.cy, size: mainBox.size * 0.5 };
      parts.push(badgeDisc(seat, art2.set === "line" ? colour2 : own[0]?.hex ?? "#cfd8dc"));
      const markup2 = art2.set === "line" ? lineIconMarkup(art2, colour2) : colourIconMarkup(art2, forgetColour ? [] : own);
      parts.push(placeMarkup(markup2, art2, { cx: seat.cx, cy: seat.cy, size: seat.size * 0.62 }, "s2"));
      icons.push(`${art2.set}:${art2.name}`);
    }
  }
  return { content: parts.join(""), fallback: false, icons };
}

function fallbackDesign(plan: PromptPlan, forcedColour: string | null): Design {
  const tinted = plan.colours.filter((c) => c.name !== "white");
  const rng = seededRandom(hashString(`fallback:${plan.prompt}`));
  const tile = forcedColour ?? tinted[0]?.hex ?? rng.pick(FALLBACK_PALETTE);
  const mark = tinted[1]?.hex ?? "#ffffff";
  const named = plan.words.map((w) => SHAPE_WORDS[w]).find(Boolean);
  const shape: GenericShape = named ?? rng.pick(["star", "circle", "diamond", "hexagon"] as const);
  const label = plan.contentWords.join(" ") || plan.prompt.trim() || "empty prompt";
  const content =
    `<!-- built-in engine: no icon matched "${safeComment(label)}" -->` +
    backdrop(plan.backdropShape, tile, { cx: 100, cy: 100, size: 176 }) +
    `<path fill="${mark}" d="${genericShapePath(shape, { cx: 100, cy: 100, size: 92 })}"/>`;
  return { content, fallback: true, icons: [] };
}

function chooseFlaws(prompt: string, colourable: boolean): { flaws: Flaw[]; rng: ReturnType<typeof seededRandom> } {
  const rng = seededRandom(hashString(`draft-flaws:${prompt}`));
  const r = rng.next();
  let flaws: Flaw[];
  if (r < 0.4) flaws = [];
  else if (r < 0.52) flaws = ["small"];
  else if (r < 0.64) flaws = ["offcentre"];
  else if (r < 0.74) flaws = ["clipped"];
  else if (r < 0.86) flaws = colourable ? ["colour"] : ["small"];
  else if (r < 0.93) flaws = colourable ? ["small", "colour"] : ["offcentre"];
  else flaws = colourable ? ["offcentre", "colour"] : ["clipped"];
  return { flaws, rng };
}

/** Where a flawed draft puts its drawing. */
function flawedPlacement(extent: Extent, flaw: Flaw | undefined, rng: ReturnType<typeof seededRandom>): Placement {
  const dirs: [number, number][] = [[1, 0], [-1, 0], [0, 1], [0, -1], [0.71, 0.71], [-0.71, 0.71], [0.71, -0.71], [-0.71, -0.71]];
  switch (flaw) {
    case "small":
      return fitPlacement(extent, 0.3 + rng.next() * 0.08);
    case "offcentre": {
      const [dx, dy] = rng.pick(dirs);
      const d = 34 + rng.next() * 8;
      return fitPlacement(extent, 0.6, [100 + dx * d, 100 + dy * d]);
    }
    case "clipped": {
      const [dx, dy] = rng.pick(dirs.slice(0, 4));
      const d = 62 + rng.next() * 10;
      return fitPlacement(extent, 0.74, [100 + dx * d, 100 + dy * d]);
    }
    default:
      return fitPlacement(extent);
  }
}

export interface GenerateOptions {
  /** "auto" (default): the draft's own deterministic flaws. [] draws a flawless drawing. */
  flaws?: "auto" | Flaw[];
}

export function generateSvg(prompt: string, options: GenerateOptions = {}): GeneratedSvg {
  const plan = planPrompt(prompt);
  const asked = measurableColours(plan);
  const auto = options.flaws === undefined || options.flaws === "auto";
  const chosen = auto || !Array.isArray(options.flaws)
    ? chooseFlaws(prompt, asked.length > 0)
    : { flaws: options.flaws, rng: seededRandom(hashString(`draft-flaws:${prompt}`)) };
  let flaws = [...chosen.flaws];
  let design = designContent(plan, flaws.includes("colour"));
  if (flaws.includes("colour")) {
    // Only keep the colour flaw when it really loses an asked colour.
    const m = renderAndMeasure(svgDocument(design.content));
    if (asked.every((c) => colourShare(m, c.accepts) >= 0.05)) {
      flaws = flaws.filter((f) => f !== "colour");
      if (flaws.length === 0 && auto) flaws = ["small"];
      design = designContent(plan, false);
    }
  }
  let extent = drawingExtent(svgDocument(design.content));
  if (!extent) {
    design = fallbackDesign(plan, null);
    extent = drawingExtent(svgDocument(design.content)) ?? { x0: 12, y0: 12, x1: 188, y1: 188 };
  }
  const geometric = flaws.find((f) => f !== "colour");
  const placement = flawedPlacement(extent, geometric, chosen.rng);
  const svg = svgDocument(`<g transform="${transformAttr(placement)}">${design.content}</g>`);
  return { svg, plan, flaws, fallback: design.fallback, icons: design.icons };
}
