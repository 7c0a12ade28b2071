import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { bombPng, dataUrl, paddedPng, pngChunk, solidPng } from "../../test/support/png";
import { checkPng, checkPngDataUrl, PNG_HEADER_BYTES, PNG_LIMITS, PngCheckError, readPngHeader } from "./png";

function withIhdr(width: number, height: number, bitDepth = 8, colourType = 6): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  const base = solidPng(2, 2);
  return Buffer.concat([base.subarray(0, 8), pngChunk("IHDR", data), base.subarray(33)]);
}

function refusal(run: () => unknown): PngCheckError {
  try {
    run();
  } catch (e) {
    if (e instanceof PngCheckError) return e;
    throw e;
  }
  throw new Error("accepted");
}

describe("readPngHeader", () => {
  it("reads width, height and format from the first 33 bytes alone", () => {
    const png = solidPng(300, 120);
    expect(readPngHeader(png.subarray(0, PNG_HEADER_BYTES))).toEqual({ width: 300, height: 120, bitDepth: 8, colourType: 6, interlaced: false });
  });

  it("refuses what is not a PNG, a broken IHDR and impossible formats (400)", () => {
    expect(refusal(() => readPngHeader(Buffer.from("GIF89a............................"))).message).toBe("it does not start with the PNG signature");
    expect(refusal(() => readPngHeader(solidPng(2, 2).subarray(0, 20))).message).toBe("it is too short to be a PNG");
    const corrupt = solidPng(2, 2);
    corrupt[17] ^= 1;
    expect(refusal(() => readPngHeader(corrupt)).message).toMatch(/IHDR chunk is corrupt/);
    expect(refusal(() => readPngHeader(withIhdr(0, 5))).message).toMatch(/no pixels/);
    expect(refusal(() => readPngHeader(withIhdr(5, 5, 3, 6))).message).toMatch(/invalid bit depth/);
    expect(refusal(() => readPngHeader(withIhdr(5, 5, 8, 5))).message).toMatch(/invalid bit depth/);
    expect(refusal(() => readPngHeader(withIhdr(0, 5))).tooLarge).toBe(false);
  });

  it(`refuses an image wider or taller than ${PNG_LIMITS.maxSide} px as too large (413); exactly the limit passes`, () => {
    expect(readPngHeader(withIhdr(2048, 2048))).toMatchObject({ width: 2048, height: 2048 });
    for (const [w, h] of [
      [2049, 1],
      [1, 2049],
      [16000, 16000],
      [0xffffffff, 0xffffffff],
    ]) {
      const e = refusal(() => readPngHeader(withIhdr(w, h)));
      expect(e.tooLarge).toBe(true);
      expect(e.message).toBe(`it is ${w}×${h} pixels; the limit is 2048×2048`);
    }
  });
});

describe("checkPng: the whole file without decoding it", () => {
  it("accepts what pngjs writes and reads", () => {
    const png = paddedPng(4096);
    expect(PNG.sync.read(png).width).toBe(10);
    expect(checkPng(png)).toMatchObject({ width: 10, height: 10 });
  });

  it("refuses a truncated file, a corrupt chunk, a missing IDAT and trailing bytes", () => {
    const png = paddedPng(1000);
    expect(refusal(() => checkPng(png.subarray(0, 900))).message).toMatch(/runs past the end|truncated/);
    expect(refusal(() => checkPng(png.subarray(0, png.length - 12))).message).toMatch(/before its IEND chunk/);
    const corrupt = Buffer.from(png);
    corrupt[500] ^= 0xff;
    expect(refusal(() => checkPng(corrupt)).message).toBe("its peXt chunk is corrupt (CRC mismatch)");
    const noData = Buffer.concat([png.subarray(0, 33), pngChunk("IEND", Buffer.alloc(0))]);
    expect(refusal(() => checkPng(noData)).message).toBe("it has no image data (IDAT)");
    expect(refusal(() => checkPng(Buffer.concat([png, Buffer.from([0])]))).message).toBe("it has bytes after its IEND chunk");
  });

  it("refuses a decompression bomb in well under a second, allocating nothing of its size", () => {
    const bomb = bombPng(); // 16000×16000 greyscale: a 256 MB image in about 250 kB
    expect(bomb.length).toBeLessThan(400 * 1024);
    const before = process.memoryUsage();
    const started = performance.now();
    const e = refusal(() => checkPngDataUrl(dataUrl(bomb), "whole"));
    const elapsed = performance.now() - started;
    const grew = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    expect(e).toMatchObject({ tooLarge: true, message: "it is 16000×16000 pixels; the limit is 2048×2048" });
    expect(elapsed).toBeLessThan(500);
    expect(grew).toBeLessThan(16 * 1024 * 1024);
    const url = dataUrl(bomb);
    const headerOnly = performance.now();
    expect(refusal(() => checkPngDataUrl(url, "header")).tooLarge).toBe(true);
    expect(performance.now() - headerOnly).toBeLessThan(200);
  });
});

describe("checkPngDataUrl", () => {
  it("only takes data:image/png;base64 URLs with well-formed base64", () => {
    expect(checkPngDataUrl(dataUrl(solidPng(3, 4)), "whole")).toMatchObject({ width: 3, height: 4 });
    expect(checkPngDataUrl(dataUrl(solidPng(3, 4)), "header")).toMatchObject({ width: 3, height: 4 });
    expect(refusal(() => checkPngDataUrl("data:image/jpeg;base64,AAAA", "header")).message).toMatch(/not a data:image\/png;base64 URL/);
    expect(refusal(() => checkPngDataUrl("data:image/png;base64,A", "whole")).message).toMatch(/base64 is malformed/);
    expect(refusal(() => checkPngDataUrl("data:image/png;base64,AAAA", "header")).message).toMatch(/signature/);
  });
});
