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
import { backdrop, colourIconMarkup, genericShapePath, lineIconMarkup, pathCount, placeMarkup, type GenericShape } from "../drawing/compose-svg";
import { sceneLayout, sceneryMarkup } from "../drawing/scenery";
import { artworkFor } from "../vocabulary/artwork-choice";
import { SCENERY_LAYER } from "../vocabulary/scene-words";
import { measurableColours, planBrief, type PromptPlan } from "../vocabulary/prompt-plan";
import { drawingExtent, renderAndMeasure, type Extent } from "../drawing/render";
import { colourShare } from "../drawing/image-measure";
import { hashString, seededRandom } from "../drawing/seeded";
import { countTokens } from "../protocol/tokenize";
import { CANVAS, safeComment, svgDocument, transformAttr, type Placement } from "../drawing/svg-document";

export type Flaw = "small" | "offcentre" | "clipped" | "colour" | "omit" | "style";

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
  star: "star",
  stars: "star",
  circle: "circle",
  circles: "circle",
  dot: "circle",
  diamond: "diamond",
  hexagon: "hexagon",
  triangle: "triangle",
  square: "square",
  rectangle: "square",
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

interface Design {
  content: string;
  fallback: boolean;
  icons: string[];
}

/** How a draft departs from the ideal drawing (its "flaws") and which variant (seed) it is. */
export interface DesignOptions {
  forgetColour?: boolean;
  /** Leave out the second subject or the scenery: the refiner adds it when the critic asks. */
  omit?: "second" | "scenery" | null;
  /** Draw filled where line art is asked, or line art where filled is asked. */
  wrongStyle?: boolean;
  /** Which artwork, palette and side: a seed's own draft. */
  variant?: number;
}

const LINE_PALETTE = [DEFAULT_LINE_COLOUR, "#1e88e5", "#43a047", "#8e24aa"];

/** The composition in canvas coordinates, before fitting. `forgetColour` draws the colour flaw. */
export function designContent(plan: PromptPlan, forgetColour: boolean | DesignOptions = false): Design {
  const options: DesignOptions = typeof forgetColour === "boolean" ? { forgetColour } : forgetColour;
  const design = composeDesign(plan, options);
  const fits = (d: Design) => countTokens(svgDocument(d.content)) <= DRAWING_TOKEN_BUDGET - 40; // room for the placing <g>
  if (fits(design) || design.fallback) return design;
  const alone = plan.second ? composeDesign({ ...plan, second: null }, options) : design;
  return fits(alone) ? alone : fallbackDesign(plan, options.forgetColour ? wrongColour(measurableColours(plan)) : null);
}

/** Line art from filled artwork (or the reverse): the style flaw, and the refiner's restyle. */
export function restyleMarkup(markup: string, to: "line" | "filled", colour: string): string {
  if (to === "filled") {
    return markup
      .replace(/<(path|circle|rect|ellipse|polygon)\b([^>]*?)(\/?)>/g, (tag, name: string, attrs: string, close: string) => {
        if (/stroke="none"/.test(attrs)) return tag;
        const stroke = /stroke="([^"]+)"/.exec(attrs)?.[1] ?? colour;
        const filled = /\sfill="/.test(attrs) ? attrs.replace(/\sfill="none"/, ` fill="${stroke}"`) : `${attrs} fill="${stroke}"`;
        return `<${name}${filled}${close}>`;
      })
      .replace(/<g fill="none"/g, `<g fill="${colour}"`);
  }
  return markup
    .replace(
      /\sfill="(?!none)([^"]+)"/g,
      (_m, fill: string) => ` fill="none" stroke="${fill === "#ffffff" ? colour : fill}" stroke-width="1.1" vector-effect="non-scaling-stroke"`,
    )
    .replace(
      /<(path|circle|rect|ellipse|polygon)\b(?![^>]*\sfill=)([^>]*?)(\/?)>/g,
      `<$1 fill="none" stroke="${colour}" stroke-width="1.1" vector-effect="non-scaling-stroke"$2$3>`,
    );
}

function composeDesign(plan: PromptPlan, options: DesignOptions): Design {
  const forgetColour = options.forgetColour ?? false;
  const variant = options.variant ?? 0;
  const asked = measurableColours(plan);
  const wrong = wrongColour(asked);
  const main = plan.main;
  const art = main ? artworkFor(main, plan, variant) : null;
  if (!main || !art) return fallbackDesign(plan, forgetColour ? wrong : null);

  const mainColours = (main.colours.length ? main.colours : plan.second ? [] : plan.colours).filter((c) => c !== plan.background);
  const tinted = mainColours.filter((c) => c.name !== "white");
  const hasWhite = mainColours.some((c) => c.name === "white");
  const parts: string[] = [];
  const icons = [`${art.set}:${art.name}`];
  const scenery = options.omit === "scenery" ? [] : plan.scenery;
  const second = options.omit === "second" ? null : plan.second;

  let backdropColour = scenery.length ? null : (plan.background?.hex ?? null);
  let lineColour = tinted[0]?.hex ?? LINE_PALETTE[variant % LINE_PALETTE.length];
  let secondary: string | undefined = tinted[1]?.hex;
  if (!backdropColour && !scenery.length && art.set === "line" && hasWhite && tinted[0]) {
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
    // One slip, as a model makes it: the main colour drawn wrong, the rest of the palette kept
    // (repainting everything lost every asked colour at once, a draft no critic could tell
    // from another prompt's).
    if (backdropColour && (lineColour === "#ffffff" || plan.background)) backdropColour = wrong;
    else lineColour = wrong;
  }

  const floor = scenery.some((k) => SCENERY_LAYER[k] === "floor");
  const hasBackdrop = scenery.some((k) => SCENERY_LAYER[k] === "backdrop") || backdropColour !== null;
  if (scenery.length) parts.push(sceneryMarkup(scenery));
  else if (backdropColour) parts.push(backdrop(plan.backdropShape, backdropColour, { cx: 100, cy: 100, size: 180 }));

  const art2 = second ? artworkFor(second, plan, variant) : null;
  const arrangement = art2 ? plan.relation : "alone";
  const boxes = sceneLayout(arrangement, { count: plan.count, floor, backdrop: hasBackdrop, flip: variant % 2 === 1 });
  const style = plan.style === null ? null : options.wrongStyle ? (plan.style === "line" ? "filled" : "line") : plan.style;
  const styled = (markup: string, set: string, colour: string) =>
    style === "line" && set === "colour"
      ? restyleMarkup(markup, "line", colour)
      : style === "filled" && set === "line"
        ? restyleMarkup(markup, "filled", colour)
        : markup;

  const useSecondary = secondary && pathCount(art) > 1 ? secondary : undefined;
  const markup = art.set === "line" ? lineIconMarkup(art, lineColour, useSecondary) : colourIconMarkup(art, forgetColour ? [] : tinted);
  const mainMarkup = styled(markup, art.set, lineColour);
  let secondMarkup = "";
  if (second && art2 && boxes.second) {
    const own = second.colours.filter((c) => c.name !== "white");
    const colour2 = own[0]?.hex ?? secondary ?? lineColour;
    const markup2 = art2.set === "line" ? lineIconMarkup(art2, colour2) : colourIconMarkup(art2, own);
    secondMarkup = placeMarkup(styled(markup2, art2.set, colour2), art2, boxes.second, "s2");
    icons.push(`${art2.set}:${art2.name}`);
  }
  if (boxes.secondFirst) parts.push(secondMarkup);
  boxes.main.forEach((box, i) => parts.push(placeMarkup(mainMarkup, art, box, `s1${i ? `-${i}` : ""}`)));
  if (art.set === "line" && secondary && !useSecondary && !hasBackdrop && !second) {
    // One-path icon and a second colour: a ring in that colour frames it.
    parts.push(`<circle cx="100" cy="100" r="92" fill="none" stroke="${secondary}" stroke-width="8"/>`);
  }
  if (!boxes.secondFirst) parts.push(secondMarkup);
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

function chooseFlaws(key: string, plan: PromptPlan): { flaws: Flaw[]; rng: ReturnType<typeof seededRandom> } {
  const rng = seededRandom(hashString(`draft-flaws:${key}`));
  const colourable = measurableColours(plan).length > 0;
  // Like a real first draft: it usually misses something. Leaving out part of the prompt is the
  // likeliest slip when the prompt names several things.
  const options: Flaw[] = ["small", "offcentre", "clipped"];
  if (colourable) options.push("colour", "colour");
  if (plan.second || plan.scenery.length) options.push("omit", "omit", "omit");
  if (plan.style) options.push("style", "style");
  const r = rng.next();
  if (r < 0.08) return { flaws: [], rng };
  const first = rng.pick(options);
  const flaws: Flaw[] = [first];
  if (r > 0.85) {
    const more = rng.pick(options);
    if (more !== first && !(isGeometric(more) && isGeometric(first))) flaws.push(more);
  }
  return { flaws, rng };
}

function isGeometric(f: Flaw): boolean {
  return f === "small" || f === "offcentre" || f === "clipped";
}

/** Where a flawed draft puts its drawing. */
function flawedPlacement(extent: Extent, flaw: Flaw | undefined, rng: ReturnType<typeof seededRandom>): Placement {
  const dirs: [number, number][] = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
    [0.71, 0.71],
    [-0.71, 0.71],
    [0.71, -0.71],
    [-0.71, -0.71],
  ];
  switch (flaw) {
    case "small":
      return fitPlacement(extent, 0.4 + rng.next() * 0.06);
    case "offcentre": {
      const [dx, dy] = rng.pick(dirs);
      const d = 26 + rng.next() * 6;
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
  /**
   * The request's `seed` (as lmdeploy and vLLM take it): another seed, another draft — other
   * artwork where the prompt allows, another side or palette, other slips; the same seed, the
   * same draft. Unset is seed 0.
   */
  seed?: number;
  /** A house style: "line" draws line art unless the prompt asks for filled shapes. */
  house?: "line";
}

export function generateSvg(prompt: string, options: GenerateOptions = {}): GeneratedSvg {
  const read = planBrief(prompt);
  const plan = options.house === "line" && read.style === null ? { ...read, style: "line" as const } : read;
  const asked = measurableColours(plan);
  const seed = options.seed ?? 0;
  const variant = Math.abs(Math.trunc(seed)) % 4;
  const auto = options.flaws === undefined || options.flaws === "auto";
  const key = seed === 0 ? prompt : `${prompt}#${seed}`;
  const chosen = auto || !Array.isArray(options.flaws) ? chooseFlaws(key, plan) : { flaws: options.flaws, rng: seededRandom(hashString(`draft-flaws:${key}`)) };
  let flaws = [...chosen.flaws];
  if (!plan.second && !plan.scenery.length) flaws = flaws.filter((f) => f !== "omit");
  if (!plan.style) flaws = flaws.filter((f) => f !== "style");
  const designFor = (fl: Flaw[]): DesignOptions => ({
    forgetColour: fl.includes("colour"),
    omit: fl.includes("omit") ? (plan.second ? "second" : "scenery") : null,
    wrongStyle: fl.includes("style"),
    variant,
  });
  let design = designContent(plan, designFor(flaws));
  if (flaws.includes("colour")) {
    // Only keep the colour flaw when it really loses an asked colour.
    const m = renderAndMeasure(svgDocument(design.content));
    if (asked.every((c) => colourShare(m, c.accepts) >= 0.05)) {
      flaws = flaws.filter((f) => f !== "colour");
      if (flaws.length === 0 && auto) flaws = ["small"];
      design = designContent(plan, designFor(flaws));
    }
  }
  let extent = drawingExtent(svgDocument(design.content));
  if (!extent) {
    design = fallbackDesign(plan, null);
    extent = drawingExtent(svgDocument(design.content)) ?? { x0: 12, y0: 12, x1: 188, y1: 188 };
  }
  const geometric = flaws.find(isGeometric);
  const placement = flawedPlacement(extent, geometric, chosen.rng);
  const svg = svgDocument(`<g transform="${transformAttr(placement)}">${design.content}</g>`);
  return { svg, plan, flaws, fallback: design.fallback, icons: design.icons };
}
