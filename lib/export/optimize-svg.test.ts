import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { optimize as optimizeInBrowserBuild } from "svgo/browser";
import { optimize } from "svgo";
import { renderSvgPng } from "../raster/node";
import { diffPixels } from "../raster/pixel-diff";
import { validateSvg } from "../svg/validate-svg";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";
import { exportCorpus } from "../../test/support/export-corpus";
import { HOSTILE_SVGS } from "../../test/support/hostile-svgs";
import { externalReferences, parseSvgStrict, unsafeParts } from "../../test/support/unsafe-svg";
import { nodeOptimizePorts, optimizeSvgInNode } from "./optimize-in-node";
import { formatSizeChange } from "./optimize-svg";
import { LOSSLESS_LADDER, precisionConfig } from "./svgo-config";

const corpus = exportCorpus();

/** Pixels past 2/255 apart at 200×200 on white, measured here independently of the module. */
function changedPixels(a: string, b: string): number {
  const px = (svg: string) => PNG.sync.read(renderSvgPng(svg)).data;
  return diffPixels(px(a), px(b), 200, 200, { tolerance: 2 }).changed;
}

describe("optimizeSvg at the default (lossless) over the export corpus", () => {
  it("holds real IntroSVG outputs, engine drawings and the hostile corpus", () => {
    const labels = corpus.map((c) => c.label);
    expect(labels.filter((l) => /^(train_direct|refine|dpo)/.test(l)).length).toBeGreaterThanOrEqual(16);
    expect(labels.filter((l) => l.startsWith("engine")).length).toBe(24);
    expect(labels.filter((l) => l.startsWith("hostile")).length).toBe(HOSTILE_SVGS.length);
  });

  it.each(corpus)(
    "$label: valid XML, 0 pixels changed, nothing unsafe, smaller or the same",
    async ({ svg }) => {
      const result = await optimizeSvgInNode(svg);
      expect(validateSvg(result.svg)).toEqual({ ok: true });
      parseSvgStrict(result.svg);
      expect(changedPixels(sanitizeSvgInNode(svg), result.svg)).toBe(0);
      expect(result.changedPixels).toBe(0);
      expect(unsafeParts(result.svg)).toEqual([]);
      expect(externalReferences(result.svg)).toEqual([]);
      // A fixed point of the sanitizer: nothing it would remove came back.
      expect(nodeOptimizePorts.sanitize(result.svg)).toBe(result.svg);
      expect(result.bytes).toBeLessThanOrEqual(result.originalBytes);
    },
    60_000,
  );

  it("saves bytes over the corpus as a whole (and on most drawings)", async () => {
    let before = 0;
    let after = 0;
    let smaller = 0;
    for (const { svg } of corpus) {
      const r = await optimizeSvgInNode(svg);
      before += r.originalBytes;
      after += r.bytes;
      if (r.bytes < r.originalBytes) smaller++;
    }
    expect(after / before).toBeLessThan(0.92);
    expect(smaller / corpus.length).toBeGreaterThan(0.75);
  }, 120_000);
});

describe("the hostile corpus, optimized straight from the model's text", () => {
  it.each(HOSTILE_SVGS)("$label: nothing the sanitizer removes comes back", async ({ svg }) => {
    for (const precision of ["lossless", 2, 0] as const) {
      const result = await optimizeSvgInNode(svg, precision);
      expect(unsafeParts(result.svg)).toEqual([]);
      expect(externalReferences(result.svg)).toEqual([]);
      parseSvgStrict(result.svg);
    }
  });
});

describe("a precision setting trades exactness for size and says how much", () => {
  const kite = corpus.find((c) => c.label.startsWith("train_direct[0]"))!;
  const engine = corpus.filter((c) => c.label.startsWith("engine")).slice(0, 6);

  it("reports the share of changed pixels it measured, and is smaller than the lossless file", async () => {
    for (const { svg } of [kite, ...engine]) {
      const lossless = await optimizeSvgInNode(svg);
      const coarse = await optimizeSvgInNode(svg, 0);
      expect(coarse.bytes).toBeLessThanOrEqual(lossless.bytes);
      expect(coarse.changedPixels).toBe(changedPixels(coarse.original, coarse.svg));
      expect(coarse.changedShare).toBeCloseTo(coarse.changedPixels / 40_000, 10);
    }
  }, 60_000);

  it("at 0 decimals, a 24-unit line icon scaled up visibly changes", async () => {
    const drawn = engine.map((e) => e.svg).find((s) => /scale\(/.test(s))!;
    const coarse = await optimizeSvgInNode(drawn, 0);
    expect(coarse.changedPixels).toBeGreaterThan(0);
  }, 60_000);
});

describe("the browser build", () => {
  it("gives the same file as the Node build for every rung and precision", () => {
    for (const { svg } of corpus.slice(0, 12)) {
      const clean = sanitizeSvgInNode(svg);
      for (const config of [...LOSSLESS_LADDER, precisionConfig(1)]) {
        expect(optimizeInBrowserBuild(clean, config).data).toBe(optimize(clean, config).data);
      }
    }
  });
});

describe("formatSizeChange", () => {
  it("says X kB → Y kB (−Z%)", () => {
    expect(formatSizeChange(1900, 800)).toBe("1.9 kB → 0.8 kB (−58%)");
    expect(formatSizeChange(3456, 3456)).toBe("3.5 kB → 3.5 kB (±0%)");
    expect(formatSizeChange(512_000, 256_000)).toBe("512 kB → 256 kB (−50%)");
    expect(formatSizeChange(1000, 1100)).toBe("1.0 kB → 1.1 kB (+10%)");
  });
});
