import { PNG } from "pngjs";
import { PORTS } from "../playwright.config";
import { renderSvgPng } from "../lib/raster/node";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { trainSvgs } from "./fixtures/train-svgs";

/**
 * The critic must see the same image whichever rasterizer drew it. Real IntroSVG training SVGs
 * go through the studio's own loop: the fixture upstream answers the draft and each refinement
 * with the next of them and records the PNG the studio sends to the critic, drawn by
 * rasterizeSvgInBrowser in Chromium; the test draws each again with resvg (renderSvgPng) and
 * compares the pixels. Ten rounds per loop (threshold 10, never reached) keep it quick.
 */
test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

const FIXTURE = `http://127.0.0.1:${PORTS.fixture}`;
/** Mean absolute difference per channel (R, G, B), in 1/255 steps. */
const MAX_MEAN_DIFFERENCE = 0.5;
const ROUNDS_PER_LOOP = 10;

function rgba(png: Buffer): PNG {
  return PNG.sync.read(png);
}

/** Plain loops, no expect() per pixel (each would be a recorded step). */
function compare(browser: PNG, node: PNG): { mean: number; max: number; differing: number; translucent: number } {
  expect([browser.width, browser.height]).toEqual([200, 200]);
  expect([node.width, node.height]).toEqual([200, 200]);
  let sum = 0;
  let max = 0;
  let differing = 0;
  let translucent = 0;
  for (let i = 0; i < browser.data.length; i += 4) {
    // Opaque white background on both sides: no pixel may be translucent.
    if (browser.data[i + 3] !== 255 || node.data[i + 3] !== 255) translucent += 1;
    let pixel = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(browser.data[i + c] - node.data[i + c]);
      sum += d;
      pixel = Math.max(pixel, d);
    }
    max = Math.max(max, pixel);
    if (pixel > 0) differing += 1;
  }
  return { mean: sum / ((browser.data.length / 4) * 3), max, differing, translucent };
}

test("the studio's browser rasterizer and resvg agree on real IntroSVG SVGs (200×200 on white)", async ({ page, request }) => {
  const svgs = trainSvgs();
  expect(svgs.length).toBeGreaterThanOrEqual(10);
  // About 1 s per SVG on an idle machine; other checkouts' builds can slow it several times.
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  await page.goto("/");
  await page.getByLabel("Score threshold").fill("10");
  for (let start = 0; start < svgs.length; start += ROUNDS_PER_LOOP) {
    const rounds = Math.min(ROUNDS_PER_LOOP, svgs.length - start);
    await page.getByLabel("Max refinements").fill(String(rounds - 1));
    await generate(page, `a training drawing raster:${start}-${run}`);
    await expect(loopStatus(page)).toContainText(`Done after ${rounds} round`, { timeout: 90_000 });
    await expect(round(page, rounds).getByLabel("Score")).toHaveText("9.7 / 10");
  }

  const { rasters } = (await (await request.get(`${FIXTURE}/__rasters`)).json()) as { rasters: Record<string, string> };
  const rows: { label: string; mean: number; max: number; differing: number; translucent: number }[] = [];
  for (const [n, { label, svg }] of svgs.entries()) {
    const url = rasters[`${n}-${run}`];
    expect(url, `${label}: the critic received a PNG`).toMatch(/^data:image\/png;base64,/);
    const browser = rgba(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
    rows.push({ label, ...compare(browser, rgba(renderSvgPng(svg))) });
  }

  const overall = rows.reduce((s, r) => s + r.mean, 0) / rows.length;
  const table = rows.map((r) => `${r.label.padEnd(18)} mean ${r.mean.toFixed(4)}/255  max ${String(r.max).padStart(3)}/255  differing px ${r.differing}`);
  const summary = `overall mean ${overall.toFixed(4)}/255 over ${rows.length} SVGs; worst mean ${Math.max(...rows.map((r) => r.mean)).toFixed(4)}, worst max ${Math.max(...rows.map((r) => r.max))}`;
  console.log(["raster agreement, Chromium (studio) vs resvg:", ...table, summary].join("\n"));
  test.info().annotations.push({ type: "raster agreement", description: summary });

  for (const r of rows) expect(r.translucent, `${r.label}: translucent pixels`).toBe(0);
  for (const r of rows) expect(r.mean, `${r.label}: mean absolute difference per channel`).toBeLessThanOrEqual(MAX_MEAN_DIFFERENCE);
  expect(overall).toBeLessThanOrEqual(MAX_MEAN_DIFFERENCE);
});
