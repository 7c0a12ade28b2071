/**
 * Reads a design prompt ("a blue line icon of a forklift", "a magnifying glass with a cross in
 * the middle") into a drawing plan: up to two subjects matched to icons, the colours asked for
 * (and which subject or the background they belong to), the set to prefer, and the placement of
 * a second subject. Shared by the generator (to draw) and the refiner (to know what was asked).
 * It also reads how a designer would lay the picture out: scenery (a sky, a wall, grass: see
 * scene-words.ts), how the second subject relates to the first (on it, beside it, inside it,
 * worn by it), a count ("three stars"), a style asked for (line art or filled), and named
 * things no artwork exists for, so the critic can say so instead of pretending.
 *
 * `planBrief` reads a design prompt that carries the designer's notes (lib/introsvg/designer-notes.ts):
 * the notes' colours, additions and styles take precedence over the description.
 */
import { findColourMentions, isColourModifier, isColourWord, MULTICOLOUR_WORDS, type ColourWord } from "./colour-words";
import { bestMatch, searchIcons, type IconMatch, type SearchTerm } from "./icon-index";
import { BRIEF_NOTES_HEADING } from "../../introsvg/designer-notes";
import { findScenery, type SceneryKind } from "./scene-words";
import {
  CENTRED_PLACEMENT,
  CONNECTORS,
  isDescriptiveWord,
  LINE_WORDS,
  MEANING_WORDS,
  PART_WORDS,
  PHRASES,
  SOLID_WORDS,
  STOP_WORDS,
  SYNONYMS,
} from "./icon-words";

export interface SubjectPlan {
  match: IconMatch;
  /** Other artwork that would draw it as well (a different seed may use one). */
  alternatives: IconMatch[];
  /** The prompt words this subject stands for, e.g. "forklift". */
  label: string;
  /** The colours to draw it in: its own, then its parts' ("a pencil with a gray tip"). */
  colours: ColourWord[];
  /** The colours said of the subject itself, not of a part: the ones a critic may ask of it. */
  ownColours: ColourWord[];
}

export interface PromptPlan {
  prompt: string;
  words: string[];
  /** Every colour the prompt names, in order, without repeats. */
  colours: ColourWord[];
  background: ColourWord | null;
  multicolour: boolean;
  lineMode: boolean;
  solidMode: boolean;
  main: SubjectPlan | null;
  second: SubjectPlan | null;
  placement: "corner" | "centre";
  backdropShape: "circle" | "square";
  /** "letter a" / "the word o": a single letter glyph to draw when nothing else matches. */
  letter: string | null;
  /** Content words of the prompt, for the fallback's label. */
  contentWords: string[];
  scenery: SceneryKind[];
  /** How the second subject sits with the first. */
  relation: "beside" | "on" | "inside" | "wearing";
  /** How many of the main subject ("three stars"); 1 unless a number says otherwise. */
  count: number;
  /** A style the prompt asks for in so many words. */
  style: "line" | "filled" | null;
  /** Named things (outside the main subject's words) that no artwork matched, e.g. "lily pad". */
  unmatched: string[];
  /** The designer's notes the plan was read with (planBrief), in order. */
  notes: string[];
}

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, pair: 2, couple: 2, "2": 2, "3": 3, "4": 4, "5": 5 };
const LINE_STYLE = new Set(["line", "lines", "outline", "outlined", "lineart", "linear", "stroke", "strokes"]);
const FILLED_STYLE = new Set(["filled", "solid", "glyph", "silhouette", "flat"]);

/** Close alternatives to a chosen match, in the same set. */
function alternativesOf(list: readonly IconMatch[], chosen: IconMatch): IconMatch[] {
  return list
    .filter((m) => m !== chosen && m.entry.set === chosen.entry.set && m.score >= chosen.score - 0.3 && m.entry.name !== chosen.entry.name)
    .slice(0, 2);
}

const DIRECTIONS: Record<string, string> = {
  up: "up",
  upward: "up",
  upwards: "up",
  down: "down",
  downward: "down",
  downwards: "down",
  left: "left",
  right: "right",
  pointing: "pointing",
};

export function promptWords(prompt: string): string[] {
  return prompt
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/t-shirt/g, "tshirt")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function planPrompt(prompt: string): PromptPlan {
  const words = promptWords(prompt);
  const mentions = findColourMentions(words);
  const colourAt = new Map<number, (typeof mentions)[number]>();
  for (const m of mentions) for (let i = m.index; i < m.end; i++) colourAt.set(i, m);

  // Segment boundaries and meaning mode.
  const segmentOf: number[] = [];
  let segment = 0;
  let meaning = false;
  const meaningAt: boolean[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const between = w === "and" && colourAt.has(i - 1) && (colourAt.has(i + 1) || isColourModifier(words[i + 1] ?? ""));
    if (CONNECTORS.has(w) && !between) segment += 1;
    if (MEANING_WORDS.has(w)) {
      meaning = true;
      segment += 1;
    }
    segmentOf.push(segment);
    meaningAt.push(meaning);
  }

  // Background colour: "on a black background", "with a green background".
  let background: ColourWord | null = null;
  const backgroundMentions = new Set<(typeof mentions)[number]>();
  for (const m of mentions) {
    const after = words.slice(m.end, m.end + 2);
    if (after.includes("background") || after.includes("backdrop")) {
      backgroundMentions.add(m);
      if (m.colour.name !== "white" && !background) background = m.colour;
    }
  }

  // Scenery is drawn as ground or background, never searched as an icon.
  const sceneryMentions = findScenery(words);
  const sceneryAt = new Set(sceneryMentions.flatMap((m) => m.positions));

  // Terms: phrases, words with synonyms, direction words.
  const terms: SearchTerm[] = [];
  for (let i = 0; i < words.length; i++) {
    if (colourAt.has(i) || sceneryAt.has(i)) continue;
    const three = words.slice(i, i + 3).join(" ");
    const two = words.slice(i, i + 2).join(" ");
    const phrase = PHRASES[three] ? three : PHRASES[two] ? two : null;
    if (phrase) {
      const own = phrase.split(" ").filter((w) => !STOP_WORDS.has(w));
      terms.push({
        position: i,
        segment: segmentOf[i],
        text: phrase,
        // A phrase's words are read as a whole ("cell phone" is not a cell): all alternatives
        // count as synonyms.
        alternatives: [...own, ...PHRASES[phrase]],
        directCount: 0,
        weight: meaningAt[i] ? 0.5 : 1,
      });
      i += phrase.split(" ").length - 1;
      continue;
    }
    const w = words[i];
    if (DIRECTIONS[w]) {
      terms.push({ position: i, segment: segmentOf[i], text: w, alternatives: [DIRECTIONS[w]], directCount: 1, weight: 0.5 });
      continue;
    }
    if (STOP_WORDS.has(w) || MEANING_WORDS.has(w) || CONNECTORS.has(w) || /^\d+$/.test(w)) continue;
    if (w.length < 2 && !SYNONYMS[w]) continue;
    if (LINE_WORDS.has(w) || SOLID_WORDS.has(w) || MULTICOLOUR_WORDS.has(w) || isColourWord(w)) continue;
    terms.push({
      position: i,
      segment: segmentOf[i],
      text: w,
      alternatives: [w, ...(SYNONYMS[w] ?? [])],
      directCount: 1,
      // Parts of a thing ("a green handle") refine a subject but never start one.
      weight: meaningAt[i] ? 0.5 : PART_WORDS.has(w) ? 0.6 : 1,
    });
  }

  const letterMatch = /\b(?:letter|word|initial)\s+([a-z])\b/.exec(words.join(" "));
  if (letterMatch) {
    const at = words.findIndex((w, i) => w === letterMatch[1] && i > 0 && ["letter", "word", "initial"].includes(words[i - 1]));
    terms.push({
      position: at,
      segment: segmentOf[at] ?? 0,
      text: `letter ${letterMatch[1]}`,
      alternatives: ["letter", letterMatch[1]],
      directCount: 2,
      weight: 1,
    });
    terms.sort((a, b) => a.position - b.position);
  }

  const lineMode = words.some((w) => LINE_WORDS.has(w)) || /\bicon of\b/.test(words.join(" ")) || /\bblack and white\b/.test(words.join(" "));
  const solidMode = words.some((w) => SOLID_WORDS.has(w));

  // Main subject: the first segment whose strong terms match an icon.
  let main: IconMatch | null = null;
  let mainAlternatives: IconMatch[] = [];
  const segments = [...new Set(terms.map((t) => t.segment))].sort((a, b) => a - b);
  for (const pass of [0.75, 0.5]) {
    for (const s of segments) {
      const leading = new Set(terms.flatMap((t, i) => (t.segment === s && t.weight >= pass ? [i] : [])));
      if (leading.size === 0) continue;
      const list = searchIcons(relaxed(terms, pass), { preferLine: lineMode, leading });
      const found = bestMatch(list);
      if (found) {
        main = found;
        mainAlternatives = alternativesOf(list, found);
        break;
      }
    }
    if (main) break;
  }

  // Second subject: strong terms the main icon did not use, from a later segment.
  let second: IconMatch | null = null;
  let secondAlternatives: IconMatch[] = [];
  if (main) {
    const mainSegment = Math.min(...main.terms.map((t) => terms[t].segment));
    const used = new Set(main.terms);
    const leading = new Set(terms.flatMap((t, i) => (!used.has(i) && t.weight >= 0.75 && t.segment > mainSegment && !DIRECTIONS[t.text] ? [i] : [])));
    if (leading.size > 0) {
      const list = searchIcons(terms, { preferLine: lineMode, leading, exclude: used });
      const found = bestMatch(list);
      if (found && found.score >= 0.5 && found.entry.name !== main.entry.name) {
        second = found;
        secondAlternatives = alternativesOf(list, found);
      }
    }
  }

  const distinct: ColourWord[] = [];
  for (const m of mentions) if (!distinct.some((c) => c.name === m.colour.name)) distinct.push(m.colour);
  const secondSegment = second ? Math.min(...second.terms.map((t) => terms[t].segment)) : -1;
  const secondColours: ColourWord[] = [];
  const mainColours: ColourWord[] = [];
  const partColours = new Set<ColourWord>();
  for (const m of mentions) {
    if (backgroundMentions.has(m)) continue;
    const target = second && segmentOf[m.index] === secondSegment ? secondColours : mainColours;
    if (!target.some((c) => c.name === m.colour.name)) target.push(m.colour);
    if (describesPart(words, m.end, colourAt)) partColours.add(m.colour);
  }
  const ownOf = (colours: ColourWord[]) => colours.filter((c) => !partColours.has(c));

  const text = words.join(" ");
  const mainSegmentOf = main ? Math.min(...main.terms.map((t) => terms[t].segment)) : -1;
  const usedTerms = new Set([...(main?.terms ?? []), ...(second?.terms ?? [])]);
  // Named things no artwork matched, by segment ("a frog on a lily pad": "lily pad").
  const unmatchedBySegment = new Map<number, string[]>();
  terms.forEach((t, i) => {
    if (usedTerms.has(i) || t.weight < 0.75 || t.segment === mainSegmentOf || DIRECTIONS[t.text] || isDescriptiveWord(t.text) || !main) return;
    if (second && t.segment === secondSegment) return;
    unmatchedBySegment.set(t.segment, [...(unmatchedBySegment.get(t.segment) ?? []), t.text]);
  });
  // "three stars": a number just before the main subject's words.
  const mainAt = main ? Math.min(...main.terms.map((t) => terms[t].position)) : -1;
  const counted = mainAt > 0 ? [words[mainAt - 1], words[mainAt - 2]].map((w) => NUMBER_WORDS[w ?? ""]).find(Boolean) : undefined;
  const secondConnector = second ? words[words.findIndex((_, i) => segmentOf[i] === secondSegment)] : "";
  const relation: PromptPlan["relation"] = CENTRED_PLACEMENT.test(text)
    ? "inside"
    : secondConnector === "wearing"
      ? "wearing"
      : ["on", "atop", "onto", "over", "above"].includes(secondConnector)
        ? "on"
        : "beside";
  return {
    prompt,
    words,
    colours: distinct,
    background,
    multicolour: words.some((w) => MULTICOLOUR_WORDS.has(w)) || /\bdifferent colou?rs\b/.test(text),
    lineMode,
    solidMode,
    main: main
      ? {
          match: main,
          alternatives: mainAlternatives,
          label: main.terms.map((t) => terms[t].text).join(" "),
          colours: mainColours,
          ownColours: ownOf(mainColours),
        }
      : null,
    second: second
      ? {
          match: second,
          alternatives: secondAlternatives,
          label: second.terms.map((t) => terms[t].text).join(" "),
          colours: secondColours,
          ownColours: ownOf(secondColours),
        }
      : null,
    placement: CENTRED_PLACEMENT.test(text) ? "centre" : "corner",
    backdropShape: /\b(circle|circular|round|rounded circle|disc|disk)\b/.test(text) ? "circle" : "square",
    letter: letterMatch ? letterMatch[1] : null,
    contentWords: terms.filter((t) => t.weight >= 0.75).map((t) => t.text),
    scenery: sceneryMentions.map((m) => m.kind),
    relation,
    count: counted && main && !/s$|people|users/.test(main.entry.name) ? counted : 1,
    style: words.some((w) => LINE_STYLE.has(w)) || /\bline art\b/.test(text) ? "line" : words.some((w) => FILLED_STYLE.has(w)) ? "filled" : null,
    unmatched: [...unmatchedBySegment.values()].map((ws) => ws.join(" ")),
    notes: [],
  };
}

/**
 * Whether the colour mention ending at `end` is said of a part ("a gray tip", "an orange and
 * white handle"): the words after it, past further colours and "and", name a part.
 */
function describesPart(words: readonly string[], end: number, colourAt: ReadonlyMap<number, unknown>): boolean {
  let i = end;
  while (i < words.length && (colourAt.has(i) || words[i] === "and")) i += 1;
  return PART_WORDS.has(words[i] ?? "");
}

function relaxed(terms: SearchTerm[], pass: number): SearchTerm[] {
  return pass >= 0.75 ? terms : terms.map((t) => (t.weight === 0.5 ? { ...t, weight: 0.75 } : t));
}

/** Colours a measurement can check: white is the canvas itself, so it is never required. */
export function measurableColours(plan: Pick<PromptPlan, "colours">): ColourWord[] {
  return plan.colours.filter((c) => c.name !== "white" && c.name !== "cream");
}

/**
 * The plan for a design prompt that may carry the designer's notes: the description's plan,
 * then each note in order — a colour it names becomes the asked colour (of the subject it names,
 * else of the main subject), "add …" a thing or scenery adds it, a style word sets the style.
 */
export function planBrief(originPrompt: string): PromptPlan {
  const at = originPrompt.indexOf(BRIEF_NOTES_HEADING);
  if (at < 0) return planPrompt(originPrompt);
  const plan = planPrompt(originPrompt.slice(0, at));
  const notes = originPrompt
    .slice(at + BRIEF_NOTES_HEADING.length)
    .split("\n")
    .map((line) => line.replace(/^\s*\d+[.)]\s*/, "").trim())
    .filter(Boolean);
  let out: PromptPlan = { ...plan, notes };
  for (const note of notes) out = applyNoteToPlan(out, note);
  return out;
}

function applyNoteToPlan(plan: PromptPlan, note: string): PromptPlan {
  const words = promptWords(note);
  const noted = planPrompt(note);
  let out = plan;
  const colour = noteColour(words);
  if (colour) {
    const onSecond = plan.second && plan.second.label.split(" ").some((w) => words.includes(w)) && !plan.main?.label.split(" ").some((w) => words.includes(w));
    const others = plan.colours.filter((c) => c.name === "white");
    if (onSecond && plan.second)
      out = { ...out, second: { ...plan.second, colours: [colour], ownColours: [colour] }, colours: [...others, colour, ...(plan.main?.colours ?? [])] };
    else
      out = {
        ...out,
        main: plan.main ? { ...plan.main, colours: [colour], ownColours: [colour] } : null,
        colours: [...others, colour, ...(plan.second?.colours ?? []).filter((c) => c.name !== colour.name)],
      };
  }
  if (/\b(add|include|put|with)\b/.test(words.join(" "))) {
    const scenery = noted.scenery.filter((k) => !out.scenery.includes(k));
    if (scenery.length) out = { ...out, scenery: [...out.scenery, ...scenery] };
    else if (noted.main && (!out.main || noted.main.match.entry.name !== out.main.match.entry.name) && !out.second) {
      out = { ...out, second: { ...noted.main, colours: noted.main.colours }, relation: noted.relation === "beside" ? "beside" : noted.relation };
    }
  }
  if (noted.style) out = { ...out, style: noted.style, lineMode: noted.style === "line" };
  return out;
}

/** The colour a note asks for: after "to/into/be/it", before "instead", else the last it names. */
export function noteColour(words: readonly string[]): ColourWord | null {
  const mentions = findColourMentions(words);
  if (mentions.length === 0) return null;
  const insteadAt = words.indexOf("instead");
  if (insteadAt >= 0) {
    const before = mentions.filter((m) => m.index < insteadAt);
    if (before.length) return before[before.length - 1].colour;
  }
  const after = mentions.find((m) => ["to", "into", "be", "in", "it", "use", "make"].includes(words[m.index - 1] ?? ""));
  const picked = (after ?? mentions[mentions.length - 1]).colour;
  return picked.name === "white" ? null : picked;
}
