import fs from "node:fs/promises";
import { unzipSync, strFromU8 } from "fflate";
import type { Download, Page } from "@playwright/test";
import { expect, generate, loopStatus, test } from "./fixtures/studio-test";

const PROMPT = "a blue line icon of a forklift";
const STEM = "a-blue-line-icon-of-a-forklift";

async function exportRegion(page: Page) {
  await page.goto("/");
  await generate(page, PROMPT);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  const region = page.getByRole("region", { name: "Result" }).getByRole("region", { name: "Export" });
  await expect(region).toBeVisible();
  return region;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  return { file, bytes: await fs.readFile(await file.path()) };
}

const pngSide = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test("the Export region shows the optimized size and check, and every download is named from the prompt", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const region = await exportRegion(page);
  const round = /round-(\d+)/;

  // SVGO loads on first use and the size reads "X kB → Y kB (−Z%)".
  await expect(region).toContainText(/Optimized SVG: \d+\.\d kB → \d+\.\d kB \(−\d+%\) · same picture \(0 pixels changed at 200×200\)/, { timeout: 60_000 });
  const optimized = await download(page, () => region.getByRole("button", { name: "Download optimized SVG" }).click());
  expect(optimized.file.suggestedFilename()).toMatch(new RegExp(`^${STEM}-round-\\d+-optimized\\.svg$`));
  const n = round.exec(optimized.file.suggestedFilename())![1];
  const original = await download(page, () => region.getByRole("button", { name: "Download SVG" }).click());
  expect(original.file.suggestedFilename()).toBe(`${STEM}-round-${n}.svg`);
  expect(optimized.bytes.length).toBeLessThan(original.bytes.length);
  expect(optimized.bytes.toString("utf8")).toMatch(/^<svg[\s\S]*<\/svg>$/);

  await region.getByRole("button", { name: "Copy optimized SVG" }).click();
  await expect(region.getByRole("status")).toContainText("optimized SVG");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(optimized.bytes.toString("utf8"));

  // Side by side.
  await region.getByLabel("Original and optimized side by side").check();
  await expect(region.getByRole("img", { name: `Original SVG of round ${n}` })).toBeVisible();
  await expect(region.getByRole("img", { name: `Optimized SVG of round ${n}` })).toBeVisible();

  // A coarser precision shows the share of pixels it changed.
  await region.getByLabel("Precision").selectOption("0");
  await expect(region).toContainText(/of pixels changed at 200×200/, { timeout: 60_000 });
  await region.getByLabel("Precision").selectOption("lossless");
  await expect(region).toContainText("same picture", { timeout: 60_000 });

  // The React component, with currentColor.
  await region.getByLabel("currentColor").check();
  const component = await download(page, () => region.getByRole("button", { name: "Download React component" }).click());
  expect(component.file.suggestedFilename()).toBe(`${STEM}-round-${n}.tsx`);
  const tsx = component.bytes.toString("utf8");
  expect(tsx).toContain("export const BlueLineIconOfAForklift");
  expect(tsx).toContain("export default BlueLineIconOfAForklift");
  expect(tsx).toContain("{...props}");
  expect(tsx).toContain("currentColor");
  expect(tsx).toContain(PROMPT);
  await region.getByRole("button", { name: "Copy React component" }).click();
  await expect(region.getByRole("status")).toContainText("React component");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tsx);

  // Data URI and CSS background.
  await region.getByRole("button", { name: "Copy data URI" }).click();
  await expect(region.getByRole("status")).toContainText("data URI");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^data:image\/svg\+xml,%3Csvg /);
  await region.getByRole("button", { name: "Copy CSS background" }).click();
  await expect(region.getByRole("status")).toContainText("CSS background");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^background: url\("data:image\/svg\+xml,/);

  // PNG at a chosen size and scale; all three scales; the favicon set.
  await region.getByLabel("PNG size").selectOption("32");
  await region.getByLabel("PNG scale").selectOption("2");
  const png = await download(page, () => region.getByRole("button", { name: "Download PNG" }).click());
  expect(png.file.suggestedFilename()).toBe(`${STEM}-round-${n}-32@2x.png`);
  expect(png.bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(pngSide(png.bytes)).toEqual([64, 64]);

  const scales = await download(page, () => region.getByRole("button", { name: "Download 1×, 2×, 3×" }).click());
  expect(scales.file.suggestedFilename()).toBe(`${STEM}-round-${n}-32-1x-2x-3x.zip`);
  const scaleFiles = unzipSync(new Uint8Array(scales.bytes));
  expect(Object.keys(scaleFiles).sort()).toEqual([`${STEM}-round-${n}-32.png`, `${STEM}-round-${n}-32@2x.png`, `${STEM}-round-${n}-32@3x.png`]);
  expect(pngSide(Buffer.from(scaleFiles[`${STEM}-round-${n}-32@3x.png`]))).toEqual([96, 96]);

  const favicons = await download(page, () => region.getByRole("button", { name: "Download favicon set" }).click());
  expect(favicons.file.suggestedFilename()).toBe(`${STEM}-round-${n}-favicons.zip`);
  const icons = unzipSync(new Uint8Array(favicons.bytes));
  for (const [name, side] of [["favicon-16x16.png", 16], ["favicon-32x32.png", 32], ["favicon-48x48.png", 48], ["apple-touch-icon.png", 180], ["icon-512x512.png", 512]] as const) {
    expect(pngSide(Buffer.from(icons[name])), name).toEqual([side, side]);
  }
  expect(strFromU8(icons["icon.svg"])).toBe(optimized.bytes.toString("utf8"));

  // Small-size previews.
  for (const size of [16, 24, 32, 48]) {
    const preview = region.getByRole("img", { name: `Round ${n} at ${size} px` });
    await expect(preview).toHaveAttribute("width", String(size));
  }
});
