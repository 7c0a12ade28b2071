/**
 * PNGs checked from their bytes before anything decodes them: the signature, the IHDR chunk
 * (width × height within PNG_LIMITS, a legal bit depth and colour type) and, for a whole file,
 * the chunk structure (every chunk inside the file with a good CRC, IDAT present, IEND last).
 * The header is the first 33 bytes, so a decompression bomb (a tiny file that inflates to a
 * 16000×16000 image) is refused having read 33 bytes and allocated nothing. Pure: no Node, no
 * DOM, no decoder; runs in the browser, the studio's routes and the built-in engine alike.
 */

export const PNG_LIMITS = {
  /** Widest and tallest image accepted anywhere (the critic's PNG is 200×200; exports stop at 2048). */
  maxSide: 2048,
} as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

export class PngCheckError extends Error {
  /** True when the image is a PNG, only too large (a 413 rather than a 400). */
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = "PngCheckError";
  }
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Signature (8) + IHDR length (4) + type (4) + data (13) + CRC (4). */
export const PNG_HEADER_BYTES = 33;

/** Bit depths each colour type allows (PNG spec, table 11.1). */
const BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function chunkType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The IHDR of a PNG, from its first 33 bytes; throws PngCheckError for anything that is not a
 * PNG, and (tooLarge) for an image wider or taller than `maxSide`.
 */
export function readPngHeader(bytes: Uint8Array, maxSide: number = PNG_LIMITS.maxSide): PngHeader {
  if (SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngCheckError("it does not start with the PNG signature");
  if (bytes.length < PNG_HEADER_BYTES) throw new PngCheckError("it is too short to be a PNG");
  if (u32(bytes, 8) !== 13 || chunkType(bytes, 12) !== "IHDR") throw new PngCheckError("its first chunk is not IHDR");
  if (crc32(bytes, 12, 29) !== u32(bytes, 29)) throw new PngCheckError("its IHDR chunk is corrupt (CRC mismatch)");
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const [bitDepth, colourType, compression, filter, interlace] = bytes.subarray(24, 29);
  if (width === 0 || height === 0) throw new PngCheckError("it has no pixels (width or height 0)");
  if (!BIT_DEPTHS[colourType]?.includes(bitDepth) || compression !== 0 || filter !== 0 || interlace > 1) {
    throw new PngCheckError("its IHDR chunk has an invalid bit depth, colour type or method");
  }
  if (width > maxSide || height > maxSide) {
    throw new PngCheckError(`it is ${width}×${height} pixels; the limit is ${maxSide}×${maxSide}`, true);
  }
  return { width, height, bitDepth, colourType, interlaced: interlace === 1 };
}

/**
 * A whole PNG file checked without decoding it: the header (readPngHeader), then every chunk
 * inside the file with a matching CRC, at least one IDAT, and IEND last with nothing after it.
 */
export function checkPng(bytes: Uint8Array, maxSide: number = PNG_LIMITS.maxSide): PngHeader {
  const header = readPngHeader(bytes, maxSide);
  let at = 8;
  let sawData = false;
  for (;;) {
    if (at + 12 > bytes.length) throw new PngCheckError("it ends before its IEND chunk (truncated)");
    const length = u32(bytes, at);
    const type = chunkType(bytes, at + 4);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw new PngCheckError(`its ${type} chunk runs past the end of the file`);
    if (crc32(bytes, at + 4, at + 8 + length) !== u32(bytes, at + 8 + length)) {
      throw new PngCheckError(`its ${type} chunk is corrupt (CRC mismatch)`);
    }
    if (type === "IDAT") sawData = true;
    at = end;
    if (type === "IEND") break;
  }
  if (!sawData) throw new PngCheckError("it has no image data (IDAT)");
  if (at !== bytes.length) throw new PngCheckError("it has bytes after its IEND chunk");
  return header;
}

/** `data:image/png;base64,…` as the studio sends and stores it (no whitespace, no parameters). */
export const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;
const PNG_DATA_URL_PREFIX = "data:image/png;base64,".length;

function decodeBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new PngCheckError("its base64 is malformed");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A PNG data URL checked as a PNG: `header` reads the first 33 bytes only (the cheap check
 * before a decode), `whole` decodes the base64 and walks every chunk (for stored PNGs).
 * Throws PngCheckError; the caller has already capped the URL's length.
 */
export function checkPngDataUrl(url: string, depth: "header" | "whole", maxSide: number = PNG_LIMITS.maxSide): PngHeader {
  if (!PNG_DATA_URL.test(url)) throw new PngCheckError("it is not a data:image/png;base64 URL");
  const base64 = url.slice(PNG_DATA_URL_PREFIX);
  // 44 base64 characters are exactly the 33 header bytes: a bomb is refused before the rest is decoded.
  const header = readPngHeader(decodeBase64(base64.slice(0, 44)), maxSide);
  if (depth === "header") return header;
  return checkPng(decodeBase64(base64), maxSide);
}
