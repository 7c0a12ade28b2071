import { describe, expect, it } from "vitest";
import { iconArtwork } from "../vocabulary/icon-sets";
import { decodePng } from "../drawing/image-measure";
import { prepareImageTurn } from "./image-turn";
import { picturePalette, traceImage } from "../drawing/trace-image";
import { countTokens } from "../protocol/tokenize";
import { renderSvgPng } from "../../raster/node";
import { matchSvgToImage } from "../../metrics/node-image-match";
import { INTERNSVG_IMAGE_TEMPLATE } from "../../profiles/builtin-profiles";
import { fillTemplate } from "../../introsvg/prompts";

/** Flat-colour icons (Fluent Emoji Flat) drawn at 256×256 on white: the pictures a designer drops. */
const ICONS = ["red-apple", "rocket", "house", "sun", "pizza", "cat-face"];

function picture(name: string): Buffer {
  const art = iconArtwork("colour", name);
  if (!art) throw new Error(`no icon ${name}`);
  return renderSvgPng(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${art.width} ${art.height}">${art.body}</svg>`, {
    width: 256,
    height: 256,
    background: "white",
  });
}

const fills = (svg: string) => new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;

describe("traceImage vectorizes flat-colour icons within the targets", () => {
  for (const name of ICONS) {
    it(`${name}: SSIM ≥ 0.9, PSNR ≥ 20 dB (SArena's measure), ≤ 30 kB, the picture's colours`, async () => {
      const png = picture(name);
      const img = decodePng(png);
      const { svg, colours } = traceImage(img);
      const match = await matchSvgToImage(svg, png);
      expect(match.ssim).toBeGreaterThanOrEqual(0.9);
      expect(match.psnr).toBeGreaterThanOrEqual(20);
      expect(new TextEncoder().encode(svg).length).toBeLessThanOrEqual(30 * 1024);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 256 256">/);
      // Within InternSVG-8B's 4000 output tokens, as the engine counts them.
      expect(countTokens(svg)).toBeLessThan(4000);
      // Every colour covering 3% of the picture or more is a fill of the SVG, exactly.
      const major = picturePalette(img, { minShare: 0.03 }).filter((c) => !(c.r >= 250 && c.g >= 250 && c.b >= 250));
      expect(major.length).toBeGreaterThan(0);
      for (const colour of major) expect(fills(svg), `${name} ${hex(colour)}`).toContain(hex(colour));
      expect(new Set(colours)).toEqual(fills(svg));
    });
  }

  it("a 448×448 picture, as the studio sends one, is traced at 256 px within the token budget", async () => {
    const art = iconArtwork("colour", "rocket")!;
    const png = renderSvgPng(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${art.width} ${art.height}">${art.body}</svg>`, {
      width: 448,
      height: 448,
      background: "white",
    });
    const { svg } = traceImage(decodePng(png));
    expect(svg).toMatch(/viewBox="0 0 256 256"/);
    expect(countTokens(svg)).toBeLessThan(4000);
    const match = await matchSvgToImage(svg, png);
    expect(match.ssim).toBeGreaterThanOrEqual(0.9);
    expect(match.psnr).toBeGreaterThanOrEqual(20);
  });

  it("is deterministic", () => {
    const img = decodePng(picture("rocket"));
    expect(traceImage(img).svg).toBe(traceImage(img).svg);
  });
});

describe("prepareImageTurn: the engine's image to SVG", () => {
  const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

  it("answers InternSVG's image instruction with the traced picture, bare; a chat model's in a fence", () => {
    const image = dataUrl(picture("red-apple"));
    const text = fillTemplate(INTERNSVG_IMAGE_TEMPLATE, { origin_prompt: "a red apple" });
    const bare = prepareImageTurn(text, [image], false);
    expect(bare?.role).toBe("generator");
    expect(bare?.answer()).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(prepareImageTurn(text, [image], true)?.answer()).toMatch(/```svg\n<svg[\s\S]*<\/svg>\n```/);
  });

  it("leaves the critic's prompt and turns without a picture alone", () => {
    expect(prepareImageTurn("anything", [], false)).toBeNull();
  });

  it("refines towards the picture: the better-matching of the round's SVG and a finer trace", async () => {
    const png = picture("sun");
    const far = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"><rect width="80" height="80" fill="#000"/></svg>';
    const turn = prepareImageTurn(
      `Edit the SVG code below so that the icon matches the description "a sun". Make these changes:\n1. Closer.\n\n${far}\n\nOnly output the svg code, no other text.`,
      [dataUrl(png)],
      false,
    );
    expect(turn?.role).toBe("refiner");
    const refined = turn!.answer();
    expect(refined).not.toBe(far);
    expect((await matchSvgToImage(refined, png)).ssim).toBeGreaterThan((await matchSvgToImage(far, png)).ssim);
    const good = traceImage(decodePng(png)).svg;
    const again = prepareImageTurn(`Edit "a sun".\n\n${good}\n\nOnly output the svg code, no other text.`, [dataUrl(png)], false)!.answer();
    expect((await matchSvgToImage(again, png)).ssim).toBeGreaterThanOrEqual((await matchSvgToImage(good, png)).ssim - 1e-9);
  });
});
