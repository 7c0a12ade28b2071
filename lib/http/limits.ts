/**
 * Size caps on everything the studio accepts, in one place: step requests, stored rounds,
 * imports. Each string field has its own cap, so no single field can carry a whole body's worth.
 */
export const LIMITS = {
  promptChars: 2_000,
  svgBytes: 512 * 1024,
  pngBytes: 1024 * 1024,
  critiqueChars: 20_000,
  /** The raw text a model streamed for one step (an SVG plus whatever prose came with it). */
  modelTextChars: 1024 * 1024,
  modelIdChars: 500,
  messageChars: 5_000,
  /** Whole step request body: the largest legal fields plus room for JSON framing. */
  bodyBytes: 2 * 1024 * 1024,
} as const;

/** The longest base64 data URL that can hold `bytes` bytes. */
export function dataUrlChars(bytes: number): number {
  return Math.ceil((bytes * 4) / 3) + 64;
}
