import fs from "node:fs/promises";
import { unzipSync, strFromU8 } from "fflate";
import type { Download, Page } from "@playwright/test";
import { PNG } from "pngjs";
import { downloadType, recordDownloadTypes } from "./fixtures/download-types";
import { expect, generate, loopStatus, test } from "./fixtures/studio-test";
import { makeRound } from "../test/support/loop-builders";

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

/** A download, with the MIME type of the Blob the page saved. */
async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer; type: string | null }> {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  return { file, bytes: await fs.readFile(await file.path()), type: await downloadType(page, file.suggestedFilename()) };
}

const pngSide = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test("the Export region shows the optimized size and check, and every download is named from the prompt", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await recordDownloadTypes(context);
  const region = await exportRegion(page);
  const round = /round-(\d+)/;

  // SVGO loads on first use and the size reads "X kB → Y kB (−Z%)".
  await expect(region).toContainText(/Optimized SVG: \d+\.\d kB → \d+\.\d kB \(−\d+%\) · same picture \(0 pixels changed at 200×200\)/, { timeout: 60_000 });
  const optimized = await download(page, () => region.getByRole("button", { name: "Download optimized SVG" }).click());
  expect(optimized.file.suggestedFilename()).toMatch(new RegExp(`^${STEM}-round-\\d+-optimized\\.svg$`));
  expect(optimized.type).toBe("image/svg+xml");
  const n = round.exec(optimized.file.suggestedFilename())![1];
  const original = await download(page, () => region.getByRole("button", { name: "Download SVG" }).click());
  expect(original.file.suggestedFilename()).toBe(`${STEM}-round-${n}.svg`);
  expect(original.type).toBe("image/svg+xml");
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
  expect(component.type).toBe("text/plain");
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
  expect(png.type).toBe("image/png");
  expect(png.bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(pngSide(png.bytes)).toEqual([64, 64]);

  const scales = await download(page, () => region.getByRole("button", { name: "Download 1×, 2×, 3×" }).click());
  expect(scales.file.suggestedFilename()).toBe(`${STEM}-round-${n}-32-1x-2x-3x.zip`);
  expect(scales.type).toBe("application/zip");
  const scaleFiles = unzipSync(new Uint8Array(scales.bytes));
  expect(Object.keys(scaleFiles).sort()).toEqual([`${STEM}-round-${n}-32.png`, `${STEM}-round-${n}-32@2x.png`, `${STEM}-round-${n}-32@3x.png`]);
  expect(pngSide(Buffer.from(scaleFiles[`${STEM}-round-${n}-32@3x.png`]))).toEqual([96, 96]);

  const favicons = await download(page, () => region.getByRole("button", { name: "Download favicon set" }).click());
  expect(favicons.file.suggestedFilename()).toBe(`${STEM}-round-${n}-favicons.zip`);
  expect(favicons.type).toBe("application/zip");
  const icons = unzipSync(new Uint8Array(favicons.bytes));
  for (const [name, side] of [
    ["favicon-16x16.png", 16],
    ["favicon-32x32.png", 32],
    ["favicon-48x48.png", 48],
    ["apple-touch-icon.png", 180],
    ["icon-512x512.png", 512],
  ] as const) {
    expect(pngSide(Buffer.from(icons[name])), name).toEqual([side, side]);
  }
  expect(strFromU8(icons["icon.svg"])).toBe(optimized.bytes.toString("utf8"));

  // Small-size previews.
  for (const size of [16, 24, 32, 48]) {
    const preview = region.getByRole("img", { name: `Round ${n} at ${size} px` });
    await expect(preview).toHaveAttribute("width", String(size));
  }
});

test("a batch downloads as an icon set of the items ticked: an SVG, symbol and component each, index.ts, the contact sheet", async ({ page, context }) => {
  await recordDownloadTypes(context);
  await page.goto("/batch");
  const rows = [
    ["kite", "a red kite with a long tail"],
    ["star", "a yellow star"],
    ["cup", "a coffee cup with steam"],
  ];
  const csv = "id,desc\n" + rows.map(([id, desc]) => `${id},${desc}`).join("\n") + "\n";
  await page.getByLabel("Prompts CSV").setInputFiles({ name: "set.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Start batch" }).click();
  await expect(page).toHaveURL(/\/batch\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Batch progress" })).toHaveAttribute("aria-valuenow", "3", { timeout: 45_000 });
  await expect(page.getByRole("status", { name: "Batch status" })).toHaveText("Done");

  // Every item is in the set until unticked; Select none / all.
  await expect(page.getByText("3 of 3 items in the icon set")).toBeVisible();
  await page.getByRole("checkbox", { name: "Include star in the icon set" }).uncheck();
  await expect(page.getByText("2 of 3 items in the icon set")).toBeVisible();
  await page.getByRole("button", { name: "Select none" }).click();
  await expect(page.getByText("0 of 3 items in the icon set")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download icon set" })).toBeDisabled();
  await page.getByRole("button", { name: "Select all" }).click();
  await page.getByRole("checkbox", { name: "Include star in the icon set" }).uncheck();

  const set = await download(page, () => page.getByRole("button", { name: "Download icon set" }).click());
  expect(set.file.suggestedFilename()).toBe("set-icon-set.zip");
  expect(set.type).toBe("application/zip");
  const files = unzipSync(new Uint8Array(set.bytes));
  expect(Object.keys(files).sort()).toEqual([
    "contact-sheet.png",
    "icons.json",
    "react/Cup.tsx",
    "react/Kite.tsx",
    "react/index.ts",
    "sprite.svg",
    "svg/cup.svg",
    "svg/kite.svg",
  ]);
  for (const id of ["kite", "cup"]) expect(strFromU8(files[`svg/${id}.svg`])).toMatch(/^<svg[\s\S]*<\/svg>$/);

  // The sprite: a <symbol id> per item with its viewBox, usable with <use href="sprite.svg#kite">.
  const sprite = strFromU8(files["sprite.svg"]);
  const symbols = [...sprite.matchAll(/<symbol id="([^"]+)"([^>]*)>/g)];
  expect(symbols.map((m) => m[1]).sort()).toEqual(["cup", "kite"]);
  for (const m of symbols) expect(m[2]).toMatch(/viewBox="[\d. -]+"/);
  await page.setContent(
    `<!doctype html><body>${sprite}<svg width="64" height="64" role="img" aria-label="kite from the sprite"><use href="#kite"/></svg></body>`,
  );
  const drawn = PNG.sync.read(await page.getByRole("img", { name: "kite from the sprite" }).screenshot());
  expect([drawn.width, drawn.height]).toEqual([64, 64]);
  let painted = 0;
  for (let i = 0; i < drawn.data.length; i += 4) if (drawn.data[i] < 240 || drawn.data[i + 1] < 240 || drawn.data[i + 2] < 240) painted++;
  expect(painted, "pixels the kite symbol painted").toBeGreaterThan(64 * 64 * 0.05);

  const index = strFromU8(files["react/index.ts"]);
  expect(index.split("\n").filter(Boolean).sort()).toEqual(['export { Cup } from "./Cup";', 'export { Kite } from "./Kite";']);
  expect(strFromU8(files["react/Kite.tsx"])).toContain("export default Kite");
  const manifest = JSON.parse(strFromU8(files["icons.json"])) as { icons: Array<{ id: string; score: number }>; skipped: string[] };
  expect(manifest.icons.map((i) => i.id).sort()).toEqual(["cup", "kite"]);
  for (const icon of manifest.icons) expect(icon.score).toBeGreaterThan(0);
  const sheet = Buffer.from(files["contact-sheet.png"]);
  expect(sheet.subarray(1, 4).toString()).toBe("PNG");
  expect(pngSide(sheet)).toEqual([16 * 2 + 2 * 160, 16 * 2 + 196]);
});

test("a large SVG is optimized when asked, not as its round opens", async ({ page, request }) => {
  // ~90 kB: over the size past which the page sanitizes in slices and the optimizer waits.
  const cells = Array.from(
    { length: 1600 },
    (_, i) => `<rect x="${(i % 40) * 5}.000" y="${Math.floor(i / 40) * 5}.000" width="4.000" height="4.000" fill="#3b82f6"/>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">${cells.join("\n")}</svg>`;
  expect(svg.length).toBeGreaterThan(64 * 1024);
  const created = await request.post("/api/sessions", {
    data: { prompt: "a grid of blue squares", settings: { mode: "paper", maxRefinements: 3, threshold: 9.5 } },
  });
  const { id } = (await created.json()) as { id: string };
  const round = makeRound(1, {
    svg,
    modelText: svg,
    png: null,
    generation: null,
    critiqueMeta: null,
    critique: { score: 8, critique: "A grid.", suggestions: "1. none" },
  });

  expect((await request.put(`/api/sessions/${id}/rounds/1`, { data: round })).status()).toBe(204);

  await page.goto(`/s/${id}`);
  const region = page.getByRole("region", { name: "Result" }).getByRole("region", { name: "Export" });
  await expect(region).toContainText(/Optimized SVG: not made yet for a large SVG \(\d+ kB\)/);
  await expect(region.getByRole("button", { name: "Download optimized SVG" })).toBeDisabled();
  // The small sizes come through the preview's sliced sanitizing, never one long task.
  await expect(region.getByRole("img", { name: "Round 1 at 16 px" })).toBeVisible();
  await expect(region.getByRole("img", { name: "Round 1 at 48 px" })).toBeVisible();
  // The plain SVG is there at once.
  await expect(region.getByRole("button", { name: "Download SVG" })).toBeEnabled();
  await region.getByRole("button", { name: "Optimize now" }).click();
  await expect(region).toContainText(/Optimized SVG: \d+(\.\d)? kB → \d+(\.\d)? kB \(−\d+%\)/, { timeout: 60_000 });
  await expect(region.getByRole("button", { name: "Download optimized SVG" })).toBeEnabled();
});
