import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { PORTS } from "../playwright.config";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { throttle } from "./fixtures/throttle";
import { editor, typeIntoEditor } from "./fixtures/editor";

const RED_SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect x="30" y="30" width="140" height="140" fill="#ff0000"/></svg>';

/** The average colour of an <img>'s non-white pixels, as [r, g, b]. */
async function inkColour(image: Locator): Promise<[number, number, number]> {
  return image.evaluate(async (node) => {
    const img = node as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = 100;
    canvas.height = 100;
    const context = canvas.getContext("2d");
    if (!context) return [0, 0, 0] as [number, number, number];
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 100, 100);
    context.drawImage(img, 0, 0, 100, 100);
    const { data } = context.getImageData(0, 0, 100, 100);
    const sum = [0, 0, 0];
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] + data[i + 1] + data[i + 2] > 720) continue;
      sum[0] += data[i];
      sum[1] += data[i + 1];
      sum[2] += data[i + 2];
      n++;
    }
    return sum.map((v) => Math.round(v / Math.max(1, n))) as [number, number, number];
  });
}

async function finishedLoop(page: Page, prompt = "a magnifying glass with a cross in the middle") {
  await page.goto("/");
  await generate(page, prompt);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
}

test("typing in Monaco with the keyboard updates the live preview; Format and Undo work", async ({ page }) => {
  await finishedLoop(page);
  const preview = editor(page).getByRole("img", { name: /Edit preview of round/ });
  const [, g0] = await inkColour(preview);
  expect(g0).toBeLessThan(200);
  await typeIntoEditor(page, RED_SQUARE);
  await expect(editor(page)).toContainText("Unsaved edit");
  await expect.poll(async () => (await inkColour(preview))[0], { timeout: 5_000 }).toBeGreaterThan(200);
  const [r, g, b] = await inkColour(preview);
  expect(r).toBeGreaterThan(200);
  expect(g + b).toBeLessThan(60);

  await editor(page).getByRole("button", { name: "Format" }).click();
  await expect(editor(page).locator(".view-lines")).toContainText("<rect");
  // Line numbers count the document's lines (view lines would count word-wrapped rows).
  const lineNumbers = editor(page).locator(".margin .line-numbers");
  await expect.poll(async () => lineNumbers.count()).toBeGreaterThanOrEqual(3);
  await editor(page).getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => lineNumbers.count()).toBe(1);
  await expect(editor(page)).toContainText("Unsaved edit");
});

test("leaving with an unsaved edit asks first: Cancel keeps the edit, OK leaves", async ({ page }) => {
  await finishedLoop(page);
  await typeIntoEditor(page, RED_SQUARE);
  await expect(editor(page)).toContainText("Unsaved edit");
  const sessionUrl = page.url();
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Batch runs" }).click();
  await expect.poll(() => asked).toEqual([expect.stringMatching(/^Leave this session\? Your unsaved edit of round \d+ will be lost\.$/)]);
  expect(page.url()).toBe(sessionUrl);
  await expect(editor(page)).toContainText("Unsaved edit");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("link", { name: "Batch runs" }).click();
  await expect(page).toHaveURL(/\/batch$/);
});

test("an XML error shows an editor marker with its line and disables Resume", async ({ page }) => {
  await finishedLoop(page);
  await typeIntoEditor(page, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">\n<rect x="1" </svg>');
  await expect(editor(page).getByRole("alert")).toContainText(/XML error at line 2, column \d+/);
  await expect(editor(page).locator(".squiggly-error")).not.toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resume" })).toBeDisabled();
  // Why, said in the page beside it (not only in a tooltip).
  await expect(page.getByRole("status", { name: "Resume" })).toContainText(/Fix the SVG first: line 2/);
});

test("pause, edit by hand, resume: the edit becomes a round and the critic judges the edited drawing", async ({ page }) => {
  await page.goto("/");
  // The first round streams slowly (its download throttled), so Pause lands before the end.
  await throttle(page, 2_000);
  await generate(page, "a key icon with a green circle in the middle");
  await page.getByRole("button", { name: "Pause" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Paused");
  const before = await page.getByRole("article", { name: /^Round \d+/ }).count();

  await typeIntoEditor(page, RED_SQUARE);
  await expect(page.getByRole("button", { name: "Resume" })).toBeEnabled();
  await page.getByRole("button", { name: "Resume" }).click();

  const edit = round(page, before + 1);
  await expect(edit).toHaveAccessibleName(new RegExp(`^Round ${before + 1} · Hand edit`));
  await expect(edit.getByLabel("Score")).toHaveText(/\d\.\d \/ 10/, { timeout: 20_000 });
  const [r, g, b] = await inkColour(edit.getByRole("img", { name: /critic/ }));
  expect(r).toBeGreaterThan(200);
  expect(g + b).toBeLessThan(60);
  await expect(edit.getByRole("region", { name: `Critique of round ${before + 1}` })).toContainText(/red/i);
  // Refinement continues from the edit.
  await expect(round(page, before + 2)).toHaveAccessibleName(new RegExp(`^Round ${before + 2} · Refinement`), { timeout: 20_000 });
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
});

test("compare: previous vs this in one click shows both previews, scores and a code diff", async ({ page }) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  await round(page, 2).getByRole("button", { name: "Previous vs this" }).click();
  const dialog = page.getByRole("dialog", { name: "Compare rounds" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Left preview: round 1" })).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Right preview: round 2" })).toBeVisible();
  await expect(dialog.getByRole("region", { name: "Left: round 1" })).toContainText(/\d\.\d \/ 10/);
  await expect(dialog.getByRole("region", { name: "Right: round 2" })).toContainText(/\d\.\d \/ 10/);
  const diff = dialog.locator(".monaco-diff-editor");
  await expect(diff).toBeVisible();
  await expect(diff.locator(".modified-in-monaco-diff-editor .view-lines")).toContainText("<svg");
  await expect(diff.locator(".line-insert, .char-insert").first()).toBeVisible();
  await dialog.getByLabel("Checkerboard").check();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Keyboard: focus round 1, arrow down to round 2, C opens compare.
  await round(page, 1).focus();
  await page.keyboard.press("ArrowDown");
  await expect(round(page, 2)).toBeFocused();
  await expect(round(page, 2)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("c");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Left round")).toHaveValue("round-1");
  await expect(dialog.getByLabel("Right round")).toHaveValue("round-2");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

test("the score chart selects a round; Copy SVG, Download SVG and Download PNG work for any round", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await finishedLoop(page, "a blue line icon of a forklift");
  await page.getByRole("button", { name: /^Select round 1, score/ }).click();
  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText("Round 1 · Draft");
  await expect(round(page, 1)).toHaveAttribute("aria-current", "true");

  await result.getByRole("button", { name: "Copy SVG" }).click();
  await expect(result.getByRole("status")).toContainText("Copied round 1");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^<svg[\s\S]*<\/svg>$/);

  const [svgDownload] = await Promise.all([page.waitForEvent("download"), result.getByRole("button", { name: "Download SVG" }).click()]);
  expect(svgDownload.suggestedFilename()).toBe("a-blue-line-icon-of-a-forklift-round-1.svg");
  expect(await fs.readFile(await svgDownload.path(), "utf8")).toBe(copied);

  await result.getByLabel("PNG size").selectOption("256");
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), result.getByRole("button", { name: "Download PNG" }).click()]);
  expect(pngDownload.suggestedFilename()).toBe("a-blue-line-icon-of-a-forklift-round-1-256.png");
  const png = await fs.readFile(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(256);
  expect(png.readUInt32BE(20)).toBe(256);
});

test.describe("while a round streams", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

  test("its code is read-only in the editor", async ({ page }) => {
    await page.goto("/");
    await generate(page, "a blue square fault:slow");
    await expect(editor(page)).toContainText("read-only while it streams");
    await expect(editor(page).getByRole("button", { name: "Format" })).toBeDisabled();
    // Monaco loads when the page is idle; on a busy machine that can take a while.
    await expect(editor(page).locator(".view-lines")).toContainText("<svg", { timeout: 30_000 });
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(editor(page)).not.toContainText("read-only while it streams");
  });
});
