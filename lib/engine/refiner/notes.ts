/**
 * The designer's notes, applied to a drawing. Unlike the critic's suggestions (which the
 * refiner only follows when its own measurement agrees), the designer's word wins: each note is
 * read for what it asks, in this order, and done:
 *  - a named subject: "add a star" puts it in a corner badge; "make it a rocket" / "draw a cat
 *    instead" redraws with that subject (keeping the prompt's colours);
 *  - a colour: "make it red", "the blue should be green" moves the drawing's main colour there;
 *  - a size: "bigger" / "larger" / "enlarge" scales the drawing up, "smaller" down (recentred).
 * Notes it cannot read change nothing, and say so in `ignored`.
 */
import { type ColourWord } from "../vocabulary/colour-words";
import { badgeDisc, colourIconMarkup, lineIconMarkup, placeMarkup } from "../drawing/compose-svg";
import { fitPlacement, generateSvg } from "../generator/generator";
import { iconArtwork } from "../vocabulary/icon-sets";
import { noteColour, planPrompt, promptWords } from "../vocabulary/prompt-plan";
import { recolourToward } from "../drawing/recolour";
import { drawingExtent } from "../drawing/render";
import { CANVAS, parseSvg, placeDrawing, SVG_OPEN } from "../drawing/svg-document";

export type NoteChange = "subject" | "add-subject" | "recolour" | "bigger" | "smaller";

export interface NotesResult {
  svg: string;
  applied: NoteChange[];
  ignored: string[];
}

const BIGGER = /\b(bigger|larger|enlarge|grow|increase the size|scale (it )?up|fill more)\b/;
const SMALLER = /\b(smaller|shrink|tinier|reduce the size|scale (it )?down)\b/;
const ADD = /\b(?:add|include|put in|with)\s+(.+)/;
const REPLACE = /\b(?:make it|turn it into|change it (?:in)?to|replace it with|should be|draw|instead of it,?|redraw it as)\s+(.+)/;
const NOT_SUBJECT =
  /\b(bigger|larger|smaller|enlarge|shrink|size|colou?r|instead|more|less|bit|little|much|please|it|its|icon|drawing|shape|darker|lighter|brighter)\b/g;

/** The colour a note asks for (vocabulary/prompt-plan.ts reads notes into a plan the same way). */
export function askedColour(note: string): ColourWord | null {
  return noteColour(promptWords(note));
}

function subjectText(rest: string): string {
  return rest.replace(NOT_SUBJECT, " ").replace(/\s+/g, " ").trim();
}

function resize(svg: string, factor: number): string | null {
  const e = drawingExtent(svg);
  if (!e) return null;
  const size = Math.max(e.x1 - e.x0, e.y1 - e.y0) / CANVAS;
  const target = Math.min(0.94, Math.max(0.2, size * factor));
  if (Math.abs(target - size) < 0.01) return null;
  return placeDrawing(svg, fitPlacement(e, target));
}

function addBadge(svg: string, subject: string, colours: readonly ColourWord[]): string | null {
  const plan = planPrompt(subject);
  const main = plan.main;
  if (!main || main.match.score < 0.5) return null;
  const art = iconArtwork(main.match.entry.set, main.match.entry.name);
  if (!art) return null;
  const colour = (plan.colours[0] ?? colours[0])?.hex ?? "#263238";
  const seat = { cx: 152, cy: 152, size: 70 };
  const markup = art.set === "line" ? lineIconMarkup(art, colour) : colourIconMarkup(art, plan.colours);
  const badge = badgeDisc(seat, colour) + placeMarkup(markup, art, { ...seat, size: seat.size * 0.62 }, "n2");
  const shrunk = parseSvg(placeDrawing(svg, { s: 0.86, tx: 4, ty: 4 }));
  if (!shrunk) return null;
  return `${SVG_OPEN}${shrunk.inner}${badge}</svg>`;
}

function redraw(originPrompt: string, subject: string): string | null {
  const plan = planPrompt(subject);
  if (!plan.main || plan.main.match.score < 0.5) return null;
  // The new subject in the prompt's colours (unless the note names its own).
  const colours = plan.colours.length
    ? ""
    : planPrompt(originPrompt)
        .colours.map((c) => c.name)
        .join(" and ");
  return generateSvg(`${colours} ${subject}`.trim(), { flaws: [] }).svg;
}

export function applyNotes(input: { originPrompt: string; svg: string; notes: readonly string[] }): NotesResult {
  let svg = input.svg;
  const applied: NoteChange[] = [];
  const ignored: string[] = [];
  const promptColours = planPrompt(input.originPrompt).colours;
  for (const raw of input.notes) {
    const note = raw.toLowerCase();
    let changed = false;
    const replace = REPLACE.exec(note);
    const add = ADD.exec(note);
    if (replace && subjectText(replace[1])) {
      const out = redraw(input.originPrompt, subjectText(replace[1]));
      if (out) [svg, changed] = [out, applied.push("subject") > 0];
    } else if (add && subjectText(add[1])) {
      const out = addBadge(svg, subjectText(add[1]), promptColours);
      if (out) [svg, changed] = [out, applied.push("add-subject") > 0];
    }
    const colour = askedColour(note);
    if (colour && colour.name !== "white") {
      const { svg: out, changed: recoloured } = recolourToward(placeDrawing(svg), [colour], { force: [colour.name] });
      if (recoloured) [svg, changed] = [out, applied.push("recolour") > 0];
    }
    const size = BIGGER.test(note) ? 1.25 : SMALLER.test(note) ? 0.75 : null;
    if (size) {
      const out = resize(svg, size);
      if (out) [svg, changed] = [out, applied.push(size > 1 ? "bigger" : "smaller") > 0];
    }
    if (!changed) ignored.push(raw);
  }
  return { svg, applied, ignored };
}
