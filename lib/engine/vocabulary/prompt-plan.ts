/**
 * Reads a design prompt ("a blue line icon of a forklift", "a magnifying glass with a cross in
 * the middle") into a drawing plan: up to two subjects matched to icons, the colours asked for
 * (and which subject or the background they belong to), the set to prefer, and the placement of
 * a second subject. Shared by the generator (to draw) and the refiner (to know what was asked).
 */
import { findColourMentions, isColourModifier, isColourWord, MULTICOLOUR_WORDS, type ColourWord } from "./colour-words";
import { bestMatch, searchIcons, type IconMatch, type SearchTerm } from "./icon-index";
import { CENTRED_PLACEMENT, CONNECTORS, LINE_WORDS, MEANING_WORDS, PART_WORDS, PHRASES, SOLID_WORDS, STOP_WORDS, SYNONYMS } from "./icon-words";

export interface SubjectPlan {
  match: IconMatch;
  /** The prompt words this subject stands for, e.g. "forklift". */
  label: string;
  colours: ColourWord[];
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
}

const DIRECTIONS: Record<string, string> = {
  up: "up", upward: "up", upwards: "up", down: "down", downward: "down", downwards: "down",
  left: "left", right: "right", pointing: "pointing",
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

  // Terms: phrases, words with synonyms, direction words.
  const terms: SearchTerm[] = [];
  for (let i = 0; i < words.length; i++) {
    if (colourAt.has(i)) continue;
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
    terms.push({ position: at, segment: segmentOf[at] ?? 0, text: `letter ${letterMatch[1]}`, alternatives: ["letter", letterMatch[1]], directCount: 2, weight: 1 });
    terms.sort((a, b) => a.position - b.position);
  }

  const lineMode =
    words.some((w) => LINE_WORDS.has(w)) || /\bicon of\b/.test(words.join(" ")) || /\bblack and white\b/.test(words.join(" "));
  const solidMode = words.some((w) => SOLID_WORDS.has(w));

  // Main subject: the first segment whose strong terms match an icon.
  let main: IconMatch | null = null;
  const segments = [...new Set(terms.map((t) => t.segment))].sort((a, b) => a - b);
  for (const pass of [0.75, 0.5]) {
    for (const s of segments) {
      const leading = new Set(terms.flatMap((t, i) => (t.segment === s && t.weight >= pass ? [i] : [])));
      if (leading.size === 0) continue;
      const found = bestMatch(searchIcons(relaxed(terms, pass), { preferLine: lineMode, leading }));
      if (found) {
        main = found;
        break;
      }
    }
    if (main) break;
  }

  // Second subject: strong terms the main icon did not use, from a later segment.
  let second: IconMatch | null = null;
  if (main) {
    const mainSegment = Math.min(...main.terms.map((t) => terms[t].segment));
    const used = new Set(main.terms);
    const leading = new Set(
      terms.flatMap((t, i) => (!used.has(i) && t.weight >= 0.75 && t.segment > mainSegment && !DIRECTIONS[t.text] ? [i] : [])),
    );
    if (leading.size > 0) {
      const found = bestMatch(searchIcons(terms, { preferLine: lineMode, leading, exclude: used }));
      if (found && found.score >= 0.5 && found.entry.name !== main.entry.name) second = found;
    }
  }

  const distinct: ColourWord[] = [];
  for (const m of mentions) if (!distinct.some((c) => c.name === m.colour.name)) distinct.push(m.colour);
  const secondSegment = second ? Math.min(...second.terms.map((t) => terms[t].segment)) : -1;
  const secondColours: ColourWord[] = [];
  const mainColours: ColourWord[] = [];
  for (const m of mentions) {
    if (backgroundMentions.has(m)) continue;
    const target = second && segmentOf[m.index] === secondSegment ? secondColours : mainColours;
    if (!target.some((c) => c.name === m.colour.name)) target.push(m.colour);
  }

  const text = words.join(" ");
  return {
    prompt,
    words,
    colours: distinct,
    background,
    multicolour: words.some((w) => MULTICOLOUR_WORDS.has(w)) || /\bdifferent colou?rs\b/.test(text),
    lineMode,
    solidMode,
    main: main ? { match: main, label: main.terms.map((t) => terms[t].text).join(" "), colours: mainColours } : null,
    second: second ? { match: second, label: second.terms.map((t) => terms[t].text).join(" "), colours: secondColours } : null,
    placement: CENTRED_PLACEMENT.test(text) ? "centre" : "corner",
    backdropShape: /\b(circle|circular|round|rounded circle|disc|disk)\b/.test(text) ? "circle" : "square",
    letter: letterMatch ? letterMatch[1] : null,
    contentWords: terms.filter((t) => t.weight >= 0.75).map((t) => t.text),
  };
}

function relaxed(terms: SearchTerm[], pass: number): SearchTerm[] {
  return pass >= 0.75 ? terms : terms.map((t) => (t.weight === 0.5 ? { ...t, weight: 0.75 } : t));
}

/** Colours a measurement can check: white is the canvas itself, so it is never required. */
export function measurableColours(plan: Pick<PromptPlan, "colours">): ColourWord[] {
  return plan.colours.filter((c) => c.name !== "white" && c.name !== "cream");
}
