import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { PICTURE_LIMITS, PictureCheckError, readPictureHeader, type PictureRefusal } from "./image-header";

const picture = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } });

function refusal(head: Uint8Array, size?: number): { reason: PictureRefusal; message: string } {
  try {
    readPictureHeader(head, size);
  } catch (e) {
    if (e instanceof PictureCheckError) return { reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("readPictureHeader", () => {
  it("reads the format and size of PNG, JPEG and WebP (lossy, lossless, extended) from their headers", async () => {
    const cases = [
      ["png", await picture(300, 120).png().toBuffer()],
      ["jpeg", await picture(301, 121).jpeg().toBuffer()],
      [
        "jpeg",
        await picture(64, 32)
          .jpeg()
          .withMetadata({ exif: { IFD0: { Copyright: "x".repeat(5000) } } })
          .toBuffer(),
      ],
      ["webp", await picture(302, 122).webp({ quality: 80 }).toBuffer()],
      ["webp", await picture(303, 123).webp({ lossless: true }).toBuffer()],
      ["webp", await picture(304, 124, true).webp({ quality: 80 }).toBuffer()],
    ] as const;
    const sizes = [
      [300, 120],
      [301, 121],
      [64, 32],
      [302, 122],
      [303, 123],
      [304, 124],
    ];
    cases.forEach(([format, bytes], i) => {
      expect(readPictureHeader(bytes)).toEqual({ format, width: sizes[i][0], height: sizes[i][1] });
    });
  });

  it("refuses an empty file, a file over 10 MB, a non-picture whatever its name, and more than 2048×2048 pixels", async () => {
    expect(refusal(new Uint8Array(0))).toEqual({ reason: "empty", message: "The file is empty." });
    const png = await picture(20, 20).png().toBuffer();
    expect(refusal(png, PICTURE_LIMITS.maxBytes + 1)).toMatchObject({ reason: "too-many-bytes", message: expect.stringMatching(/limit is 10 MB/) });
    expect(refusal(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toMatchObject({ reason: "not-a-picture" });
    expect(refusal(new TextEncoder().encode("GIF89a............"))).toMatchObject({
      reason: "not-a-picture",
      message: expect.stringMatching(/not a PNG, JPEG or WebP/),
    });
    for (const bytes of [await picture(2049, 10).png().toBuffer(), await picture(10, 3000).jpeg().toBuffer(), await picture(2100, 2100).webp().toBuffer()]) {
      expect(refusal(bytes)).toMatchObject({ reason: "too-many-pixels", message: expect.stringMatching(/limit is 2048×2048/) });
    }
    expect(readPictureHeader(await picture(2048, 2048).png().toBuffer())).toMatchObject({ width: 2048, height: 2048 });
  });

  it("refuses a truncated header rather than guessing", async () => {
    const jpeg = await picture(40, 40).jpeg().toBuffer();
    expect(refusal(jpeg.subarray(0, 6), jpeg.length)).toMatchObject({ reason: "not-a-picture", message: expect.stringMatching(/JPEG.*header cannot be read/) });
    const png = await picture(40, 40).png().toBuffer();
    expect(refusal(png.subarray(0, 20), png.length)).toMatchObject({ reason: "not-a-picture" });
  });
});
