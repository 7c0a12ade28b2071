/**
 * Colour words in prompts and colour judgement on pixels, both in a perceptual space (OKLab /
 * OKLCH via culori). A colour word maps to one concrete hex (what the generator paints) and to
 * the colour families a pixel may belong to for the word to count as present (what the critic
 * measures): "blue" accepts any blue from sky to navy, "gold" accepts yellows and oranges.
 * Pixels are classified by their nearest prototype colour in OKLab; the prototypes are
 * Material Design tones labelled by family, plus the generator's own palette.
 */
import { converter, differenceEuclidean, formatHex, parse, type Oklch } from "culori";

export type ColourFamily = "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink" | "brown" | "beige" | "black" | "white" | "gray";

export interface ColourWord {
  /** What the prompt said, e.g. "dark green". */
  name: string;
  hex: string;
  accepts: readonly ColourFamily[];
}

const BASE: Record<string, { hex: string; accepts: ColourFamily[] }> = {
  red: { hex: "#e53935", accepts: ["red"] },
  crimson: { hex: "#c62834", accepts: ["red"] },
  scarlet: { hex: "#e8312a", accepts: ["red"] },
  maroon: { hex: "#8e2430", accepts: ["red", "brown"] },
  burgundy: { hex: "#8e2443", accepts: ["red", "brown", "purple"] },
  orange: { hex: "#fb8c00", accepts: ["orange"] },
  amber: { hex: "#ffb300", accepts: ["orange", "yellow"] },
  yellow: { hex: "#fdd835", accepts: ["yellow"] },
  gold: { hex: "#f4b400", accepts: ["yellow", "orange"] },
  golden: { hex: "#f4b400", accepts: ["yellow", "orange"] },
  green: { hex: "#43a047", accepts: ["green"] },
  lime: { hex: "#8bc34a", accepts: ["green", "yellow"] },
  olive: { hex: "#827717", accepts: ["green", "yellow", "brown"] },
  mint: { hex: "#5fd3a0", accepts: ["green", "teal"] },
  teal: { hex: "#00897b", accepts: ["teal", "green", "blue"] },
  turquoise: { hex: "#1fbfb0", accepts: ["teal", "green", "blue"] },
  cyan: { hex: "#00bcd4", accepts: ["teal", "blue"] },
  aqua: { hex: "#00bcd4", accepts: ["teal", "blue"] },
  blue: { hex: "#1e88e5", accepts: ["blue"] },
  azure: { hex: "#2f9bf0", accepts: ["blue"] },
  navy: { hex: "#1a3a8a", accepts: ["blue"] },
  indigo: { hex: "#3f51b5", accepts: ["blue", "purple"] },
  purple: { hex: "#8e24aa", accepts: ["purple"] },
  violet: { hex: "#7e57c2", accepts: ["purple"] },
  lavender: { hex: "#b39ddb", accepts: ["purple"] },
  lilac: { hex: "#b39ddb", accepts: ["purple", "pink"] },
  magenta: { hex: "#d81b90", accepts: ["pink", "purple"] },
  fuchsia: { hex: "#d81b90", accepts: ["pink", "purple"] },
  pink: { hex: "#ec407a", accepts: ["pink"] },
  rose: { hex: "#e8557a", accepts: ["pink", "red"] },
  coral: { hex: "#ff7f61", accepts: ["orange", "red", "pink"] },
  salmon: { hex: "#fa8072", accepts: ["orange", "red", "pink"] },
  peach: { hex: "#ffab91", accepts: ["orange", "pink", "beige"] },
  brown: { hex: "#795548", accepts: ["brown"] },
  tan: { hex: "#d2b48c", accepts: ["beige", "brown", "orange"] },
  beige: { hex: "#d9c3a0", accepts: ["beige", "brown", "white", "yellow"] },
  cream: { hex: "#eddcb0", accepts: ["beige", "white", "yellow"] },
  khaki: { hex: "#c3b091", accepts: ["beige", "brown", "green"] },
  black: { hex: "#212121", accepts: ["black"] },
  white: { hex: "#ffffff", accepts: ["white"] },
  gray: { hex: "#9e9e9e", accepts: ["gray"] },
  grey: { hex: "#9e9e9e", accepts: ["gray"] },
  silver: { hex: "#b0b7bf", accepts: ["gray", "white"] },
};

const MODIFIERS: Record<string, { dl: number; chroma: number }> = {
  light: { dl: 0.14, chroma: 0.75 },
  pale: { dl: 0.18, chroma: 0.55 },
  pastel: { dl: 0.16, chroma: 0.6 },
  bright: { dl: 0.04, chroma: 1.2 },
  vivid: { dl: 0.02, chroma: 1.25 },
  dark: { dl: -0.18, chroma: 0.9 },
  deep: { dl: -0.12, chroma: 1.05 },
};

/** Words that mean "several colours" rather than one. */
export const MULTICOLOUR_WORDS = new Set(["multicolored", "multicoloured", "colorful", "colourful", "rainbow", "multicolor"]);

const toOklch = converter("oklch");
const distance = differenceEuclidean("oklab");

export function isColourWord(word: string): boolean {
  return word in BASE;
}

export function isColourModifier(word: string): boolean {
  return word in MODIFIERS;
}

/** Lightness/chroma shift in OKLCH, clamped into sRGB by culori's formatter. */
export function adjustColour(hex: string, dl: number, chromaFactor = 1): string {
  const c = toOklch(parse(hex));
  if (!c) return hex;
  // Lightened colours stay visibly tinted on white (a "light yellow" must not become white).
  const l = dl > 0 ? Math.min(c.l + dl, Math.max(c.l, 0.93)) : Math.max(0.12, c.l + dl);
  const next: Oklch = { mode: "oklch", l, c: Math.max(0, (c.c ?? 0) * chromaFactor), h: c.h };
  return formatHex(clampToRgb(next));
}

export function colourWord(base: string, modifier?: string): ColourWord | null {
  const entry = BASE[base];
  if (!entry) return null;
  const mod = modifier ? MODIFIERS[modifier] : undefined;
  const accepts = [...entry.accepts];
  if (mod && (base === "gray" || base === "grey")) accepts.push(mod.dl > 0 ? "white" : "black");
  if (mod && mod.dl > 0 && base === "brown") accepts.push("beige", "orange");
  const hex = mod && base !== "white" && base !== "black" ? adjustColour(entry.hex, mod.dl, mod.chroma) : entry.hex;
  return { name: modifier ? `${modifier} ${base === "grey" ? "gray" : base}` : base === "grey" ? "gray" : base, hex, accepts };
}

/** Finds colour mentions in a word list: "dark green", "blue", "black and white" (two). */
export function findColourMentions(words: readonly string[]): { index: number; end: number; colour: ColourWord }[] {
  const out: { index: number; end: number; colour: ColourWord }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (isColourModifier(w) && i + 1 < words.length && isColourWord(words[i + 1])) {
      const c = colourWord(words[i + 1], w);
      if (c) out.push({ index: i, end: i + 2, colour: c });
      i += 1;
      continue;
    }
    // "sky blue", "royal blue", "lime green": the first word shades the second.
    if ((w === "sky" || w === "royal" || w === "baby") && words[i + 1] === "blue") {
      const c = colourWord("blue", w === "sky" || w === "baby" ? "light" : "deep");
      if (c) out.push({ index: i, end: i + 2, colour: { ...c, name: `${w} blue` } });
      i += 1;
      continue;
    }
    if (isColourWord(w)) {
      // "blue green" style compounds are two colours; "navy blue" is one.
      if (w === "navy" && words[i + 1] === "blue") {
        const c = colourWord("navy");
        if (c) out.push({ index: i, end: i + 2, colour: { ...c, name: "navy blue" } });
        i += 1;
        continue;
      }
      const c = colourWord(w);
      if (c) out.push({ index: i, end: i + 1, colour: c });
    }
  }
  return out;
}

/* ---------- pixel classification ---------- */

const PROTOTYPES: [string, ColourFamily][] = [
  ...tones("red", ["#e57373", "#f44336", "#d32f2f", "#b71c1c", "#e53935", "#c62834"]),
  ...tones("pink", ["#f06292", "#e91e63", "#c2185b", "#880e4f", "#f8bbd0", "#ec407a", "#ff80ab"]),
  ...tones("purple", ["#ba68c8", "#9c27b0", "#7b1fa2", "#4a148c", "#9575cd", "#673ab7", "#512da8", "#311b92", "#b39ddb", "#7e57c2"]),
  ...tones("blue", [
    "#7986cb",
    "#3f51b5",
    "#303f9f",
    "#1a237e",
    "#64b5f6",
    "#2196f3",
    "#1976d2",
    "#0d47a1",
    "#4fc3f7",
    "#03a9f4",
    "#0288d1",
    "#01579b",
    "#1e88e5",
    "#bbdefb",
    "#1a3a8a",
  ]),
  ...tones("teal", ["#4dd0e1", "#00bcd4", "#0097a7", "#006064", "#4db6ac", "#009688", "#00796b", "#004d40", "#00897b", "#b2ebf2"]),
  ...tones("green", ["#81c784", "#4caf50", "#388e3c", "#1b5e20", "#aed581", "#8bc34a", "#689f38", "#33691e", "#afb42b", "#43a047", "#c8e6c9", "#5fd3a0"]),
  ...tones("yellow", ["#fff176", "#ffeb3b", "#fbc02d", "#ffd54f", "#ffc107", "#fdd835", "#fff59d", "#fcd53f", "#dce775"]),
  ...tones("orange", ["#ffa000", "#ff6f00", "#ffb74d", "#ff9800", "#f57c00", "#e65100", "#ff8a65", "#ff5722", "#e64a19", "#fb8c00", "#f57f17", "#ffb02e"]),
  ...tones("brown", ["#a1887f", "#795548", "#5d4037", "#3e2723", "#8d6e63", "#6d4c41", "#bf360c"]),
  ...tones("beige", ["#f5f5dc", "#d2b48c", "#e8d5b7", "#c8ad7f", "#ffdbac", "#eddcb0"]),
  ...tones("gray", ["#e0e0e0", "#bdbdbd", "#9e9e9e", "#757575", "#616161", "#90a4ae", "#607d8b", "#455a64", "#b0b7bf", "#78909c", "#546e7a", "#cfd8dc"]),
  ...tones("black", ["#424242", "#212121", "#000000", "#263238", "#1c1c1c"]),
  ...tones("white", ["#ffffff", "#fafafa", "#f5f5f5", "#eceff1"]),
];

function tones(family: ColourFamily, hexes: string[]): [string, ColourFamily][] {
  return hexes.map((h) => [h, family]);
}

const toOklab = converter("oklab");
// The generator's own palette is part of the prototypes, so what it paints is always read back
// as the family it meant.
const PALETTE: [string, ColourFamily][] = Object.entries(BASE).flatMap(([name, e]) => [
  [e.hex, e.accepts[0]] as [string, ColourFamily],
  ...Object.keys(MODIFIERS).map((m) => [colourWord(name, m)!.hex, e.accepts[0]] as [string, ColourFamily]),
]);
const PROTO = [...PROTOTYPES, ...PALETTE].map(([hex, family]) => {
  const lab = toOklab(parse(hex)!);
  return { l: lab.l, a: lab.a, b: lab.b, family };
});
const classCache = new Map<number, ColourFamily>();

/** The colour family of an sRGB pixel (0–255 channels), nearest prototype in OKLab. */
export function classifyRgb(r: number, g: number, b: number): ColourFamily {
  const key = (r << 16) | (g << 8) | b;
  const cached = classCache.get(key);
  if (cached) return cached;
  const lab = toOklab({ mode: "rgb", r: r / 255, g: g / 255, b: b / 255 });
  let best: ColourFamily = "gray";
  let bestD = Infinity;
  for (const p of PROTO) {
    const d = (lab.l - p.l) ** 2 + (lab.a - p.a) ** 2 + (lab.b - p.b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p.family;
    }
  }
  if (classCache.size > 200_000) classCache.clear();
  classCache.set(key, best);
  return best;
}

export function classifyHex(hex: string): ColourFamily {
  const [r, g, b] = hexToRgb(hex);
  return classifyRgb(r, g, b);
}

export function hexToRgb(hex: string): [number, number, number] {
  const c = parse(hex);
  if (!c) return [0, 0, 0];
  const rgb = converter("rgb")(c);
  return [Math.round(clamp01(rgb.r) * 255), Math.round(clamp01(rgb.g) * 255), Math.round(clamp01(rgb.b) * 255)];
}

/** OKLCH of a CSS colour string, or null when culori cannot read it. */
export function oklchOf(colour: string): { l: number; c: number; h: number } | null {
  const parsed = parse(colour);
  if (!parsed) return null;
  const o = toOklch(parsed);
  return { l: o.l, c: o.c ?? 0, h: o.h ?? 0 };
}

export function oklchToHex(l: number, c: number, h: number): string {
  return formatHex(clampToRgb({ mode: "oklch", l: clamp01(l), c: Math.max(0, c), h }));
}

export function colourDistance(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return Infinity;
  return distance(pa, pb);
}

function clampToRgb(c: Oklch): Oklch {
  // Reduce chroma until the colour fits sRGB (keeps hue and lightness, as designers do).
  const toRgb = converter("rgb");
  let cur = { ...c };
  for (let i = 0; i < 24; i++) {
    const rgb = toRgb(cur);
    const inside = [rgb.r, rgb.g, rgb.b].every((v) => v >= -0.001 && v <= 1.001);
    if (inside) break;
    cur = { ...cur, c: (cur.c ?? 0) * 0.9 };
  }
  return cur;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

export const FAMILY_NAMES: Record<ColourFamily, string> = {
  red: "red",
  orange: "orange",
  yellow: "yellow",
  green: "green",
  teal: "teal",
  blue: "blue",
  purple: "purple",
  pink: "pink",
  brown: "brown",
  beige: "beige",
  black: "black",
  white: "white",
  gray: "gray",
};
