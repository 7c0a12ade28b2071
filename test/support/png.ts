/**
 * Real PNG files for tests, built cheaply: a small solid image (pngjs), one padded to an exact
 * byte size (an ancillary chunk), and a decompression bomb — a file of a few hundred kB whose
 * IHDR says 16000×16000 and whose IDAT really inflates to that many pixels. The bomb's zlib
 * stream repeats one full-flushed block of zeros, so building it never allocates the image.
 */
import zlib from "node:zlib";
import { PNG } from "pngjs";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function ihdr(width: number, height: number, bitDepth: number, colourType: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  return pngChunk("IHDR", data);
}

/** A valid RGBA PNG of one colour. */
export function solidPng(width: number, height: number, rgba: [number, number, number, number] = [255, 0, 0, 255]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

/** A valid PNG (10×10) padded with a private ancillary chunk to exactly `bytes` bytes (≥ 200). */
export function paddedPng(bytes: number): Buffer {
  const base = solidPng(10, 10);
  const iendAt = base.length - 12;
  const room = bytes - base.length - 12;
  if (room < 0) throw new Error(`paddedPng: ${bytes} bytes is smaller than the base image`);
  return Buffer.concat([base.subarray(0, iendAt), pngChunk("peXt", Buffer.alloc(room, 7)), base.subarray(iendAt)]);
}

export function dataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString("base64")}`;
}

/**
 * A greyscale 8-bit PNG of `width`×`height` zero pixels whose IDAT inflates to the whole
 * image (height × (width + 1) bytes): 16000×16000 is a 256 MB image in about 250 kB.
 */
export function bombPng(width = 16_000, height = 16_000): Buffer {
  const raw = height * (width + 1);
  const BLOCK = 1024 * 1024;
  const full = zlib.deflateRawSync(Buffer.alloc(BLOCK), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [Buffer.from([0x78, 0x9c])];
  for (let i = 0; i < Math.floor(raw / BLOCK); i++) parts.push(full);
  const rest = raw % BLOCK;
  if (rest) parts.push(zlib.deflateRawSync(Buffer.alloc(rest), { finishFlush: zlib.constants.Z_FULL_FLUSH }));
  parts.push(zlib.deflateRawSync(Buffer.alloc(0))); // the final (empty) block
  // Adler-32 of `raw` zero bytes: a = 1, b = raw (mod 65521).
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((raw % 65521) << 16) | 1) >>> 0, 0);
  parts.push(adler);
  return Buffer.concat([SIGNATURE, ihdr(width, height, 8, 0), pngChunk("IDAT", Buffer.concat(parts)), pngChunk("IEND", Buffer.alloc(0))]);
}
