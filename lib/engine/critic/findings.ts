/**
 * What the critic finds on a render, as data: each finding with its penalty, and the whole
 * assessment. Its own module so the critic (which measures) and its prose (which writes the
 * findings up) both import it, and neither imports the other's text.
 */
import type { ColourWord } from "../vocabulary/colour-words";
import type { Edge, ImageMeasure } from "../drawing/image-measure";

export type FindingKind = "blank" | "sparse" | "small" | "offcentre" | "clipped" | "tight" | "colour-missing" | "colour-weak" | "polish";

export interface Finding {
  kind: FindingKind;
  penalty: number;
  /** The asked colour concerned (colour findings). */
  colour?: ColourWord;
  /** Share of the painted pixels in the asked colour (colour findings). */
  share?: number;
  edges?: Edge[];
  note?: string;
}

export interface Assessment {
  prompt: string;
  score: number;
  findings: Finding[];
  measure: ImageMeasure;
  asked: ColourWord[];
  present: ColourWord[];
}

export const PERFECT_SCORE = 9.8;
