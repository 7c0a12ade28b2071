/**
 * Word index over the two icon sets: every icon name is split on "-" into parts, each part is
 * folded (plurals, -ing, -ed) and indexed. A search scores icons by how many of their parts the
 * prompt's terms cover, minus a penalty for parts the prompt does not mention, plus a set
 * preference (colour emoji for objects, animals and food; line icons for UI concepts or when
 * the prompt asks for a line / outline icon).
 */
import { loadIconSet, type IconSetId } from "./icon-sets";
import { DEFAULT_PICKS, GENERIC_PARTS, STOP_PARTS, pluralForms, wordForms } from "./icon-words";

export interface IconEntry {
  set: IconSetId;
  name: string;
  parts: string[];
  category?: string;
  /** Tabler only: a "-filled" variant exists. */
  filled?: string;
}

/** One thing the prompt says: a word or phrase with its alternatives (synonyms). */
export interface SearchTerm {
  position: number;
  segment: number;
  text: string;
  alternatives: string[];
  /** How many leading alternatives are the prompt's own words (the rest are synonyms). */
  directCount: number;
  /** 1 for words describing what to draw, 0.5 for direction words or meaning words. */
  weight: number;
}

export interface IconMatch {
  entry: IconEntry;
  score: number;
  /** Indices (into the terms array) of the terms this icon used. */
  terms: number[];
  /** Earliest position of a strong term matched. */
  firstPosition: number;
  /** A leading term matched with the prompt's own word (not a synonym). */
  directLead: boolean;
}

interface Index {
  entries: IconEntry[];
  byForm: Map<string, number[]>;
}

let index: Index | null = null;

const SKIN_TONE = /-(light|medium-light|medium|medium-dark|dark)$/;
const COLOUR_SET_PREFERRED = new Set(["Animals & Nature", "Food & Drink", "Objects", "Travel & Places", "Activities", "People & Body", "Smileys & Emotion"]);

function build(): Index {
  const entries: IconEntry[] = [];
  const line = loadIconSet("line").json;
  const lineNames = new Set(Object.keys(line.icons));
  const add = (set: IconSetId, name: string, category?: string) => {
    const entry: IconEntry = { set, name, parts: name.split("-"), category };
    if (set === "line" && lineNames.has(`${name}-filled`)) entry.filled = `${name}-filled`;
    entries.push(entry);
  };
  for (const [name, icon] of Object.entries(line.icons)) {
    if (icon.hidden || name.endsWith("-off") || name.endsWith("-filled") || name.includes("-off-")) continue;
    add("line", name);
  }
  for (const [name, alias] of Object.entries(line.aliases ?? {})) {
    if (name.endsWith("-off") || name.endsWith("-filled") || !lineNames.has(alias.parent)) continue;
    add("line", name);
  }
  const colour = loadIconSet("colour");
  const colourNames = new Set(Object.keys(colour.json.icons));
  for (const [name, icon] of Object.entries(colour.json.icons)) {
    if (icon.hidden) continue;
    const base = name.replace(SKIN_TONE, "");
    if (base !== name && colourNames.has(base)) continue;
    add("colour", name, colour.categories.get(name));
  }
  const byForm = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const seen = new Set<string>();
    for (const part of entry.parts) {
      for (const form of pluralForms(part)) {
        if (seen.has(form)) continue;
        seen.add(form);
        const list = byForm.get(form);
        if (list) list.push(i);
        else byForm.set(form, [i]);
      }
    }
  });
  return { entries, byForm };
}

export function iconIndex(): Index {
  if (!index) index = build();
  return index;
}

export function hasIcon(set: IconSetId, name: string): boolean {
  return iconIndex().entries.some((e) => e.set === set && e.name === name);
}

function partPenalty(part: string): number {
  if (STOP_PARTS.has(part)) return 0;
  if (part === "left" || part === "right" || part === "up" || part === "down") return 0.15;
  if (/^\d+$/.test(part)) return 0.15;
  if (GENERIC_PARTS.has(part)) return 0.3;
  return 0.55;
}

export interface SearchOptions {
  preferLine: boolean;
  /** Terms that may start a match (by index). Others may only add to it (compound icons). */
  leading: Set<number>;
  /** Terms already used by another subject. */
  exclude?: Set<number>;
  /** Restrict to one set. */
  set?: IconSetId;
}

/** The best match, preferring icons named by the prompt's own words over synonym-only matches. */
export function bestMatch(matches: readonly IconMatch[]): IconMatch | null {
  const top = matches[0];
  if (!top) return null;
  return matches.find((m) => m.directLead && m.score >= top.score - 0.3) ?? top;
}

/** Ranks icons for the given terms; best first. Empty when nothing qualifies. */
export function searchIcons(terms: readonly SearchTerm[], options: SearchOptions): IconMatch[] {
  const { entries, byForm } = iconIndex();
  // form → [term index, synonym?]
  const termForms = new Map<string, { term: number; direct: boolean }[]>();
  terms.forEach((term, t) => {
    if (options.exclude?.has(t)) return;
    term.alternatives.forEach((alt, k) => {
      for (const form of wordForms(alt)) {
        const list = termForms.get(form) ?? [];
        list.push({ term: t, direct: k < term.directCount });
        termForms.set(form, list);
      }
    });
  });
  const candidates = new Set<number>();
  for (const [form, users] of termForms) {
    if (!users.some((u) => options.leading.has(u.term))) continue;
    for (const i of byForm.get(form) ?? []) candidates.add(i);
  }
  const matches: IconMatch[] = [];
  for (const i of candidates) {
    const entry = entries[i];
    if (options.set && entry.set !== options.set) continue;
    const single = entry.parts.length === 1;
    let penalty = 0;
    let qualified = false;
    let firstPosition = Infinity;
    let directLead = false;
    // Per term: parts matched by the prompt's own words count fully; parts reached only through
    // synonyms ("computer" → device-desktop) count as one part plus a little.
    const perTerm = new Map<number, { direct: number; synonyms: number[] }>();
    for (const part of entry.parts) {
      let best = 0;
      let bestTerm = -1;
      let bestDirect = false;
      for (const form of pluralForms(part)) {
        for (const u of termForms.get(form) ?? []) {
          const lead = options.leading.has(u.term) ? 1 : 0.35;
          const w = terms[u.term].weight * lead * (u.direct ? 1 : 0.9) + (form === part ? 0.02 : 0);
          if (w > best) {
            best = w;
            bestTerm = u.term;
            bestDirect = u.direct;
          }
        }
      }
      if (bestTerm < 0) {
        penalty += partPenalty(part);
        continue;
      }
      const generic = GENERIC_PARTS.has(part) && !single;
      const value = generic ? best * 0.5 : best;
      const slot = perTerm.get(bestTerm) ?? { direct: 0, synonyms: [] };
      if (bestDirect) slot.direct += value;
      else slot.synonyms.push(value);
      perTerm.set(bestTerm, slot);
      if (!generic && options.leading.has(bestTerm) && terms[bestTerm].weight >= 0.75) {
        qualified = true;
        firstPosition = Math.min(firstPosition, terms[bestTerm].position);
        if (bestDirect) directLead = true;
      }
    }
    if (!qualified) continue;
    let score = -penalty;
    for (const { direct, synonyms } of perTerm.values()) {
      const all = synonyms.reduce((a, b) => a + b, 0);
      const best = synonyms.length ? Math.max(...synonyms) : 0;
      score += direct > 0 ? direct + 0.2 * all : best + 0.5 * (all - best);
    }
    score += setPreference(entry, options.preferLine);
    if (DEFAULT_PICKS.has(entry.name)) score += 0.05;
    matches.push({ entry, score, terms: [...perTerm.keys()].sort((a, b) => a - b), firstPosition, directLead });
  }
  matches.sort(
    (a, b) =>
      b.score - a.score ||
      a.firstPosition - b.firstPosition ||
      a.entry.parts.length - b.entry.parts.length ||
      (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0),
  );
  return matches;
}

function setPreference(entry: IconEntry, preferLine: boolean): number {
  if (preferLine) return entry.set === "line" ? 0.8 : -0.4;
  if (entry.set === "colour") return entry.category && COLOUR_SET_PREFERRED.has(entry.category) ? 0.35 : -0.1;
  return entry.name.startsWith("brand-") ? -0.2 : 0;
}
