/**
 * What the critic finds on a render, as data: each finding with its penalty, and the whole
 * assessment. Its own module so the critic (which measures) and its prose (which writes the
 * findings up) both import it, and neither imports the other's text.
 */
import type { ColourWord } from "../vocabulary/colour-words";
import type { Edge, ImageMeasure } from "../drawing/image-measure";

export type FindingKind =
  | "blank"
  | "sparse"
  | "small"
  | "offcentre"
  | "clipped"
  | "tight"
  | "colour-missing"
  | "colour-weak"
  | "polish"
  /** What the prompt names, looked for in the render (critic/prompt-checks.ts). */
  | "subject-missing"
  | "subject-unclear"
  | "subject-colour"
  | "count"
  | "scenery-missing"
  | "style"
  | "no-artwork";

export interface Finding {
  kind: FindingKind;
  penalty: number;
  /** The asked colour concerned (colour findings). */
  colour?: ColourWord;
  /** Share of the painted pixels in the asked colour (colour findings). */
  share?: number;
  edges?: Edge[];
  note?: string;
  /** The named thing concerned ("bicycle", "a brick wall", "lily pad"). */
  label?: string;
  /** Which subject: the main one or the second. */
  role?: "main" | "second";
  /** For a missing second subject or scenery: the main subject's label, to say where it goes. */
  anchor?: string;
  /** A style finding: the style asked for. */
  style?: "line" | "filled";
  /** A count finding: how many are asked and how many were seen. */
  asked?: number;
  seen?: number;
}

/** What the critic saw, for its description of the drawing. */
export interface Seen {
  /** "line" when the ink is mostly thin strokes, else "filled". */
  style: "line" | "filled";
  /** Named things found, with where they are ("in the centre", "on the left"). */
  found: { label: string; where: string; colour: string | null }[];
  scenery: string[];
}

export interface Assessment {
  prompt: string;
  score: number;
  findings: Finding[];
  measure: ImageMeasure;
  asked: ColourWord[];
  present: ColourWord[];
  seen: Seen;
}

export const PERFECT_SCORE = 9.8;
