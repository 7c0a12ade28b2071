/**
 * A picture checked from its first bytes before anything decodes it: which format it is (by its
 * signature, whatever its name or declared type says) and its width × height from its header.
 * The studio's "Image" input, the batch's image column and the step routes all refuse here, so
 * an empty file, a file that is not a PNG, JPEG or WebP, one over 10 MB or one over 2048×2048
 * pixels is turned away with a message that says which, having allocated nothing. Pure: no
 * Node, no DOM, no decoder.
 */
import { PNG_LIMITS, PngCheckError, readPngHeader } from "./png";

export type PictureFormat = "png" | "jpeg" | "webp";

export const PICTURE_LIMITS = {
  /** Largest picture file taken, in bytes. */
  maxBytes: 10 * 1024 * 1024,
  /** Widest and tallest picture taken (the same limit as every PNG the studio reads). */
  maxSide: PNG_LIMITS.maxSide,
} as const;

/** The MIME types the file input offers (its `accept`). */
export const PICTURE_MIME_TYPES: Readonly<Record<PictureFormat, string>> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

export interface PictureHeader {
  format: PictureFormat;
  width: number;
  height: number;
}

export type PictureRefusal = "empty" | "too-many-bytes" | "not-a-picture" | "too-many-pixels";

export class PictureCheckError extends Error {
  constructor(
    readonly reason: PictureRefusal,
    message: string,
  ) {
    super(message);
    this.name = "PictureCheckError";
  }
}

/** How many leading bytes readPictureHeader may need (a JPEG's SOF can sit after large EXIF/ICC segments). */
export const PICTURE_HEADER_BYTES = 256 * 1024;

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function formatOf(b: Uint8Array): PictureFormat | null {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === "PNG") return "png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "webp";
  return null;
}

/** The frame header (SOF0–SOF15 but DHT, JPG and DAC) holds height then width. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > b.length) return null;
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X") return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 ") {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}

/**
 * The picture's format and size from its leading bytes (PICTURE_HEADER_BYTES are always
 * enough), given the whole file's size. Throws PictureCheckError with a sentence for the person.
 */
export function readPictureHeader(head: Uint8Array, fileBytes: number = head.length): PictureHeader {
  if (fileBytes === 0) throw new PictureCheckError("empty", "The file is empty.");
  if (fileBytes > PICTURE_LIMITS.maxBytes) {
    throw new PictureCheckError(
      "too-many-bytes",
      `The file is ${(fileBytes / 1024 / 1024).toFixed(1)} MB; the limit is ${PICTURE_LIMITS.maxBytes / 1024 / 1024} MB.`,
    );
  }
  const format = formatOf(head);
  if (!format) throw new PictureCheckError("not-a-picture", "The file is not a PNG, JPEG or WebP image (whatever its name says).");
  let size: { width: number; height: number } | null;
  if (format === "png") {
    try {
      const { width, height } = readPngHeader(head, Number.MAX_SAFE_INTEGER);
      size = { width, height };
    } catch (e) {
      if (!(e instanceof PngCheckError)) throw e;
      size = null;
    }
  } else {
    size = format === "jpeg" ? jpegSize(head) : webpSize(head);
  }
  const name = format === "jpeg" ? "JPEG" : format === "png" ? "PNG" : "WebP";
  if (!size || size.width < 1 || size.height < 1)
    throw new PictureCheckError("not-a-picture", `The file starts like a ${name} image but its header cannot be read.`);
  if (size.width > PICTURE_LIMITS.maxSide || size.height > PICTURE_LIMITS.maxSide) {
    throw new PictureCheckError(
      "too-many-pixels",
      `The image is ${size.width}×${size.height} pixels; the limit is ${PICTURE_LIMITS.maxSide}×${PICTURE_LIMITS.maxSide}.`,
    );
  }
  return { format, ...size };
}
