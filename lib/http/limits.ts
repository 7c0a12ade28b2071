/**
 * Size caps on everything the studio accepts, in one place: step requests, stored rounds,
 * imports. Each string field has its own cap, so no single field can carry a whole body's worth.
 */
export const LIMITS = {
  promptChars: 2_000,
  svgBytes: 512 * 1024,
  pngBytes: 1024 * 1024,
  critiqueChars: 20_000,
  /** The raw text a critic streamed for one critique (its JSON, at most 2048 tokens by the template's sampling). */
  critiqueTextChars: 64 * 1024,
  /** The raw text a model streamed for one step (an SVG plus whatever prose came with it). */
  modelTextChars: 1024 * 1024,
  modelIdChars: 500,
  messageChars: 5_000,
  /** Whole step request body: the largest legal fields (an SVG and a target picture) plus room for JSON framing. */
  bodyBytes: 3 * 1024 * 1024,
  /** A round PUT to a session: its largest legal fields plus framing. */
  roundBodyBytes: 4 * 1024 * 1024,
  /** An imported session: up to 1000 rounds, each far below its caps in practice. */
  importBodyBytes: 64 * 1024 * 1024,
  /** A chat request to the built-in engine (a critic PNG or a refiner's SVG, with framing). */
  engineBodyBytes: 4 * 1024 * 1024,
  /** The sign-in form: a token and where to go next. */
  signInBodyBytes: 8 * 1024,
  accessTokenChars: 1_000,
} as const;

/** The longest base64 data URL that can hold `bytes` bytes. */
export function dataUrlChars(bytes: number): number {
  return Math.ceil((bytes * 4) / 3) + 64;
}
