/**
 * What changed between two SVGs, in a line a person can read: elements added, removed and
 * changed, and colours changed ("2 elements added, 1 removed, 3 changed; colours: #ff0000 →
 * #00aa00"). Elements are compared in document order on their canonical start tag and text
 * (svg-diff-format.ts): the longest common run of identical elements is kept, and between two
 * kept elements, an element of the same name on both sides counts as changed (one for one, in
 * order) rather than as one removed and one added. Colours are compared per property of changed elements; colours that
 * appear or disappear only with added or removed elements are listed as new or gone.
 */
import { formatHex, formatHex8, parse } from "culori";
import { parseSvgTree, startTag, type SvgElement } from "./svg-diff-format";

export interface ColourChange {
  from: string;
  to: string;
}

export type SvgChangeSummary =
  | {
      comparable: true;
      added: number;
      removed: number;
      changed: number;
      /** A colour property of a changed element went from one colour to another. */
      colours: ColourChange[];
      /** In the right SVG's palette only (and not the target of a change above). */
      newColours: string[];
      /** In the left SVG's palette only (and not the source of a change above). */
      goneColours: string[];
      /** The two texts differ, but not their canonical forms (layout, attribute order). */
      formattingOnly: boolean;
    }
  | { comparable: false; unreadable: Array<"left" | "right"> };

const COLOUR_PROPERTIES = ["fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"];
const CSS_COLOUR = /(?:^|[;{\s])(fill|stroke|stop-color|flood-color|lighting-color|color)\s*:\s*([^;}!]+)/gi;

/** A colour as lowercase hex (#rrggbb, or #rrggbbaa when translucent); null for none, url(), currentColor… */
export function normaliseColour(value: string): string | null {
  const v = value.trim();
  if (!v || /^(none|transparent|currentcolor|inherit|initial|unset|context-fill|context-stroke)$/i.test(v) || /^url\(/i.test(v)) return null;
  const colour = parse(v);
  if (!colour) return null;
  return colour.alpha !== undefined && colour.alpha < 1 ? formatHex8(colour) : formatHex(colour);
}

interface Flat {
  name: string;
  key: string;
  colours: Map<string, string>;
}

/** Colour properties set on an element, by attribute and in its style attribute (style wins). */
function coloursOf(element: SvgElement): Map<string, string> {
  const colours = new Map<string, string>();
  for (const [name, value] of element.attributes) {
    if (!COLOUR_PROPERTIES.includes(name)) continue;
    const colour = normaliseColour(value);
    if (colour) colours.set(name, colour);
  }
  const style = element.attributes.find(([name]) => name === "style")?.[1] ?? "";
  for (const m of style.matchAll(CSS_COLOUR)) {
    const colour = normaliseColour(m[2]);
    if (colour) colours.set(m[1].toLowerCase(), colour);
  }
  return colours;
}

/** Every element in document order, and the document's palette (including <style> sheets). */
function flatten(root: SvgElement): { elements: Flat[]; palette: Set<string> } {
  const elements: Flat[] = [];
  const palette = new Set<string>();
  const visit = (element: SvgElement) => {
    const text = element.children.flatMap((child) => (child.kind === "element" ? [] : [child.text])).join(" ");
    const colours = coloursOf(element);
    colours.forEach((colour) => palette.add(colour));
    if (element.name === "style") {
      for (const m of text.matchAll(CSS_COLOUR)) {
        const colour = normaliseColour(m[2]);
        if (colour) palette.add(colour);
      }
    }
    elements.push({ name: element.name, key: `${startTag(element)}>${text}`, colours });
    for (const child of element.children) if (child.kind === "element") visit(child);
  };
  visit(root);
  return { elements, palette };
}

/** Index pairs of a longest common subsequence of the two key lists. */
function commonRun(a: string[], b: string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  // Past ~4M cells, match identical keys greedily in order instead (huge documents are rare).
  if (n * m > 4_000_000) {
    const pairs: Array<[number, number]> = [];
    let j = 0;
    for (let i = 0; i < n && j < m; i++) {
      const at = b.indexOf(a[i], j);
      if (at >= 0) {
        pairs.push([i, at]);
        j = at + 1;
      }
    }
    return pairs;
  }
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = a[i] === b[j] ? table[at(i + 1, j + 1)] + 1 : Math.max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[at(i + 1, j)] >= table[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}

export function summarizeSvgChanges(leftText: string, rightText: string): SvgChangeSummary {
  const leftTree = parseSvgTree(leftText);
  const rightTree = parseSvgTree(rightText);
  if (!leftTree || !rightTree) {
    return { comparable: false, unreadable: [...(leftTree ? [] : ["left" as const]), ...(rightTree ? [] : ["right" as const])] };
  }
  const left = flatten(leftTree);
  const right = flatten(rightTree);
  const anchors = commonRun(
    left.elements.map((e) => e.key),
    right.elements.map((e) => e.key),
  );

  let added = 0;
  let removed = 0;
  let changed = 0;
  const colourChanges = new Map<string, ColourChange>();
  // The gaps between anchors: same-named elements pair up as changed, in order.
  let li = 0;
  let ri = 0;
  for (const [ai, bi] of [...anchors, [left.elements.length, right.elements.length] as [number, number]]) {
    const gapLeft = left.elements.slice(li, ai);
    const gapRight = right.elements.slice(ri, bi);
    const paired = new Set<number>();
    for (const l of gapLeft) {
      const match = gapRight.findIndex((r, k) => !paired.has(k) && r.name === l.name);
      if (match < 0) {
        removed++;
        continue;
      }
      paired.add(match);
      changed++;
      const r = gapRight[match];
      for (const [property, colour] of l.colours) {
        const next = r.colours.get(property);
        if (next && next !== colour) colourChanges.set(`${colour}>${next}`, { from: colour, to: next });
      }
    }
    added += gapRight.length - paired.size;
    li = ai + 1;
    ri = bi + 1;
  }

  const colours = [...colourChanges.values()];
  const targets = new Set(colours.map((c) => c.to));
  const sources = new Set(colours.map((c) => c.from));
  return {
    comparable: true,
    added,
    removed,
    changed,
    colours,
    newColours: [...right.palette].filter((c) => !left.palette.has(c) && !targets.has(c)),
    goneColours: [...left.palette].filter((c) => !right.palette.has(c) && !sources.has(c)),
    formattingOnly: added + removed + changed === 0 && leftText !== rightText,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The summary as one line, e.g. "2 elements added, 1 removed, 3 changed; colours: #ff0000 →
 * #00aa00". `names` says which round each side is, for the unreadable case.
 */
export function describeSvgChanges(
  summary: SvgChangeSummary,
  names: { left: string; right: string } = { left: "the left SVG", right: "the right SVG" },
): string {
  if (!summary.comparable) {
    const which = summary.unreadable.map((side) => names[side]);
    return `No summary: ${which.join(" and ")} ${which.length === 1 ? "is" : "are"} not well-formed SVG.`;
  }
  const { added, removed, changed, colours, newColours, goneColours } = summary;
  if (added + removed + changed === 0) {
    return summary.formattingOnly ? "Same elements, attributes and colours: only formatting differs." : "No changes: the two SVGs are identical.";
  }
  const palette = [
    ...colours.map((c) => `${c.from} → ${c.to}`),
    ...(newColours.length ? [`new ${newColours.join(", ")}`] : []),
    ...(goneColours.length ? [`gone ${goneColours.join(", ")}`] : []),
  ];
  return `${plural(added, "element")} added, ${removed} removed, ${changed} changed; ${palette.length ? `colours: ${palette.join(", ")}` : "colours unchanged"}`;
}
