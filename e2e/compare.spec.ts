import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { throttle } from "./fixtures/throttle";

/**
 * The compare dialog as a designer on a laptop uses it (issue #13): 1024×700, the built-in
 * engine, opened at any moment — also while a round is still streaming.
 */
test.use({ viewport: { width: 1024, height: 700 } });

// The built-in engine's draft of this prompt is flawed (so a refinement follows) and its
// refinement is long (~4,900 tokens, ~100 kB of stream).
const LONG_REFINEMENT = "a violin and a trumpet icon";

function dialog(page: Page) {
  return page.getByRole("dialog", { name: "Compare rounds" });
}

async function finishedLoop(page: Page, prompt: string) {
  await page.goto("/");
  await generate(page, prompt);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
}

async function openCompare(page: Page) {
  await page.getByRole("button", { name: "Compare rounds" }).click();
  await expect(dialog(page)).toBeVisible();
}

/** The option a select shows, and the region below it: read in one go, so they are of one moment. */
async function shownVersusPanel(page: Page) {
  return dialog(page).evaluate((node) => {
    const read = (label: string) => {
      const select = Array.from(node.querySelectorAll("select")).find((s) => s.labels?.[0]?.textContent?.trim() === label) as HTMLSelectElement;
      const region = Array.from(node.querySelectorAll("section[aria-label]")).find((s) => s.getAttribute("aria-label")?.startsWith(label.split(" ")[0] + ":"));
      return {
        option: select.selectedOptions[0]?.textContent ?? "",
        value: select.value,
        region: region?.getAttribute("aria-label") ?? "",
        text: region?.textContent ?? "",
      };
    };
    return { left: read("Left round"), right: read("Right round") };
  });
}

async function width(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("no box");
  return box.width;
}

test("at 1024×700 both previews are the same size, at least 200 px, and nothing overflows", async ({ page }, testInfo) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  await openCompare(page);
  const sizes = [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ];
  for (const size of sizes) {
    await page.setViewportSize(size);
    const left = dialog(page).getByRole("img", { name: "Left preview: round 1" });
    const right = dialog(page).getByRole("img", { name: "Right preview: round 2" });
    await expect(left).toBeVisible();
    await expect(right).toBeVisible();
    await expect.poll(() => width(left)).toBeGreaterThanOrEqual(200);
    const [l, r] = [await left.boundingBox(), await right.boundingBox()];
    expect(l && r).toBeTruthy();
    expect(Math.abs(l!.width - r!.width)).toBeLessThan(1);
    expect(Math.abs(l!.height - r!.height)).toBeLessThan(1);
    expect(Math.abs(l!.y - r!.y)).toBeLessThan(1);
    // Both previews are in view when the dialog opens, and the dialog fits the window.
    expect(l!.y + l!.height).toBeLessThanOrEqual(size.height);
    const box = await dialog(page).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
    expect(box!.height).toBeLessThanOrEqual(size.height);
    expect(await dialog(page).evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`compare-${size.width}x${size.height}.png`) });
  }
  // Below the previews the dialog scrolls as a whole: the critiques, then the code diff.
  await page.setViewportSize({ width: 1024, height: 700 });
  await dialog(page).getByRole("region", { name: "Critiques" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("compare-1024x700-critiques.png") });
  await dialog(page)
    .getByRole("region", { name: "Code diff" })
    .evaluate((node) => node.scrollIntoView({ block: "end" }));
  await expect(dialog(page).locator(".monaco-diff-editor")).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("compare-1024x700-code.png") });
});

test("the selects show the rounds the panels show, also while a round streams", async ({ page }, testInfo) => {
  await page.goto("/");
  // The first round streams slowly too, so Pause lands before the loop could end.
  await throttle(page, 2_000);
  await generate(page, LONG_REFINEMENT);
  // Hold the loop between two steps, slow the network, go on: round 2 will stream slowly.
  await page.getByRole("button", { name: "Pause" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Paused", { timeout: 30_000 });
  // Slow enough that round 2 still streams after the dialog's checks on a busy machine.
  await throttle(page, 800);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(round(page, 2)).toBeVisible({ timeout: 30_000 });
  await expect(round(page, 2)).toContainText("Generating SVG");
  await page.keyboard.press("c");
  await expect(dialog(page)).toBeVisible();

  const during = await shownVersusPanel(page);
  expect(during.left).toMatchObject({ value: "round-1", region: "Left: round 1" });
  expect(during.left.option).toMatch(/^Round 1 · Draft — \d\.\d$/);
  expect(during.right).toMatchObject({ value: "round-2", region: "Right: round 2" });
  expect(during.right.option).toBe("Round 2 · Refinement — streaming");
  expect(during.right.text).toContain("streaming");
  // The streaming round shows its live partial preview, marked as such.
  await expect(dialog(page).getByRole("img", { name: "Right preview: round 2, streaming" })).toBeVisible();
  // The difference needs the critic's image, which a streaming round does not have yet.
  await dialog(page).getByRole("button", { name: "Difference" }).click();
  await expect(dialog(page)).toContainText("Round 2 is still streaming: the critic has not seen it yet.");
  await dialog(page).getByRole("button", { name: "Side by side" }).click();
  await expect(dialog(page).getByLabel("Right round")).toHaveValue("round-2");
  // (Straight from the browser: Playwright's screenshot would wait for the code editor's font,
  // which is still crawling through the slowed network.)
  const shot = await (await page.context().newCDPSession(page)).send("Page.captureScreenshot", { format: "png" });
  await fs.writeFile(testInfo.outputPath("compare-streaming.png"), Buffer.from(shot.data, "base64"));

  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const after = await shownVersusPanel(page);
  expect(after.right).toMatchObject({ value: "round-2", region: "Right: round 2" });
  expect(after.right.option).toMatch(/^Round 2 · Refinement — \d\.\d$/);
  expect(after.right.text).toContain(`${after.right.option.slice(-3)} / 10`);
  await expect(dialog(page).getByRole("img", { name: "Right preview: round 2" })).toBeVisible();
  await expect(dialog(page).getByRole("img", { name: /streaming/ })).toHaveCount(0);

  // Picking another round in a select shows that round in its panel.
  await dialog(page).getByLabel("Right round").selectOption("round-1");
  const picked = await shownVersusPanel(page);
  expect(picked.right).toMatchObject({ value: "round-1", region: "Right: round 1" });
});

test("the code diff is formatted (more than one line for one-line SVGs), summarised, and Raw shows the model's own text", async ({ page }) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  await openCompare(page);
  const diff = dialog(page).locator(".monaco-diff-editor");
  const modifiedLines = diff.locator(".modified-in-monaco-diff-editor .margin .line-numbers");
  const originalLines = diff.locator(".editor.original .margin .line-numbers");
  await expect(diff.locator(".modified-in-monaco-diff-editor .view-lines")).toContainText("<svg");
  await expect.poll(() => modifiedLines.count()).toBeGreaterThan(3);
  await expect.poll(() => originalLines.count()).toBeGreaterThan(3);
  await expect(dialog(page).getByTestId("change-summary")).toHaveText(
    /^Round 1 → round 2: \d+ elements? added, \d+ removed, \d+ changed; (colours: .+|colours unchanged)$/,
  );
  // The two editors have names of their own.
  await expect(dialog(page).getByRole("textbox", { name: "Left SVG code" })).toHaveCount(1);
  await expect(dialog(page).getByRole("textbox", { name: "Right SVG code" })).toHaveCount(1);

  await dialog(page).getByRole("checkbox", { name: "Raw" }).check();
  await expect.poll(() => modifiedLines.count()).toBe(1);
  await dialog(page).getByRole("checkbox", { name: "Raw" }).uncheck();
  await expect.poll(() => modifiedLines.count()).toBeGreaterThan(3);
});

test("each visual mode shows an image; Difference shows the share of pixels changed", async ({ page }, testInfo) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  await openCompare(page);
  const d = dialog(page);

  await expect(d.getByRole("button", { name: "Side by side" })).toHaveAttribute("aria-pressed", "true");
  await expect(d.getByRole("img", { name: "Left preview: round 1" })).toBeVisible();
  await expect(d.getByRole("img", { name: "Right preview: round 2" })).toBeVisible();

  await d.getByRole("button", { name: "Swipe" }).click();
  await expect(d.getByRole("button", { name: "Swipe" })).toHaveAttribute("aria-pressed", "true");
  await expect(d.getByRole("img", { name: "Swipe, left of the divider: round 1" })).toBeVisible();
  await expect(d.getByRole("img", { name: "Swipe, right of the divider: round 2" })).toBeVisible();
  const slider = d.getByRole("slider", { name: "Swipe position" });
  await expect(slider).toHaveValue("50");
  // Drag the divider with the mouse…
  const stage = await d.getByTestId("swipe-stage").boundingBox();
  await page.mouse.move(stage!.x + stage!.width / 2, stage!.y + stage!.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage!.x + stage!.width * 0.25, stage!.y + stage!.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(slider).toHaveValue("25");
  // …or move it from the keyboard.
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("26");
  await page.screenshot({ path: testInfo.outputPath("compare-swipe.png") });

  await d.getByRole("button", { name: "Onion skin" }).click();
  await expect(d.getByRole("img", { name: "Onion skin, underneath: round 1" })).toBeVisible();
  await expect(d.getByRole("img", { name: /^Onion skin, on top at 50% opacity: round 2$/ })).toBeVisible();
  await d.getByRole("slider", { name: "Onion skin opacity" }).fill("80");
  await expect(d.getByRole("img", { name: /^Onion skin, on top at 80% opacity: round 2$/ })).toBeVisible();

  await d.getByRole("button", { name: "Difference" }).click();
  const difference = d.getByRole("img", { name: "Pixels that differ between round 1 and round 2" });
  await expect(difference).toBeVisible();
  await expect(d.getByTestId("pixels-changed")).toHaveText(/^(<)?\d+(\.\d)?% of pixels changed \([\d,]+ of 40,000\)$/);
  // The highlight really is an image of the critic's size, with highlighted pixels in it.
  const pink = await difference.evaluate(async (node) => {
    const img = node as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(img, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === 219 && data[i + 1] === 39 && data[i + 2] === 119) n++;
    return { n, w: img.naturalWidth, h: img.naturalHeight };
  });
  expect(pink.w).toBe(200);
  expect(pink.h).toBe(200);
  expect(pink.n).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath("compare-difference.png") });
});

test("the critiques side by side with the score change and the suggestions that were asked", async ({ page }) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  const scores = [await round(page, 1).getByLabel("Score").textContent(), await round(page, 2).getByLabel("Score").textContent()].map((s) =>
    Number(s?.split(" ")[0]),
  );
  await openCompare(page);
  const critiques = dialog(page).getByRole("region", { name: "Critiques" });
  const delta = scores[1] - scores[0];
  const sign = delta > 0 ? "+" : delta < 0 ? "\u2212" : "±";
  await expect(critiques.getByRole("heading", { name: /^Round 2 · Refinement/ })).toContainText(`${sign}${Math.abs(delta).toFixed(1)}`);
  await expect(critiques).toContainText("Critique of round 1");
  await expect(critiques).toContainText("Critique of round 2");
  await expect(critiques).toContainText("Suggestions for round 1: what round 2 was asked to do");
});

test("keyboard alone: focus stays inside, ←/→ move the right round, Esc closes and returns focus", async ({ page }) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  const opener = page.getByRole("button", { name: "Compare rounds" });
  await opener.focus();
  await page.keyboard.press("Enter");
  const d = dialog(page);
  await expect(d).toBeVisible();
  const focusInside = () => d.evaluate((node) => node.contains(document.activeElement) && document.activeElement !== node);
  expect(await focusInside()).toBe(true);

  // ← / → move the right round; the left stays.
  await d.getByRole("button", { name: "Side by side" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(d.getByLabel("Right round")).toHaveValue("round-1");
  await expect(d.getByLabel("Left round")).toHaveValue("round-1");
  await expect(d.getByRole("region", { name: "Right: round 1" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(d.getByLabel("Right round")).toHaveValue("round-1");
  await page.keyboard.press("ArrowRight");
  await expect(d.getByLabel("Right round")).toHaveValue("round-2");
  // A slider keeps its arrows.
  await d.getByRole("button", { name: "Onion skin" }).click();
  await d.getByRole("slider", { name: "Onion skin opacity" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(d.getByRole("slider", { name: "Onion skin opacity" })).toHaveValue("49");
  await expect(d.getByLabel("Right round")).toHaveValue("round-2");

  // Tab cycles inside the dialog, both ways, through every control and the code editors.
  await d.getByRole("button", { name: "Side by side" }).focus();
  await page.keyboard.press("Shift+Tab");
  expect(await focusInside()).toBe(true);
  await page.keyboard.press("Tab");
  await expect(d.getByRole("button", { name: "Side by side" })).toBeFocused();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInside(), `focus after ${i + 1} Tab presses`).toBe(true);
  }

  // A visible focus ring.
  await d.getByRole("button", { name: "Swipe" }).focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const outline = await d.getByRole("button", { name: "Swipe" }).evaluate((el) => getComputedStyle(el).outlineStyle + " " + getComputedStyle(el).outlineWidth);
  expect(outline).toMatch(/^solid [1-9]/);

  await page.keyboard.press("Escape");
  await expect(d).toBeHidden();
  await expect(opener).toBeFocused();
});

test("a round of this session against a round of another session, chosen from the history", async ({ page }) => {
  await finishedLoop(page, "a blue line icon of a forklift");
  const first = page.url();
  await generate(page, "a red apple with a green leaf");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  expect(page.url()).not.toBe(first);
  await openCompare(page);
  const d = dialog(page);
  const sessions = d.getByLabel("Compare with another session");
  // The newest session of that prompt (the history lists the newest first) is the one just run.
  const forklift = sessions.locator("option", { hasText: "a blue line icon of a forklift" }).first();
  await expect(forklift).toBeAttached();
  await sessions.selectOption((await forklift.getAttribute("value")) ?? "");
  const right = d.getByRole("region", { name: /^Right: round \d of “a blue line icon of a forklift”$/ });
  await expect(right).toBeVisible();
  await expect(right).toContainText("Another session: “a blue line icon of a forklift”");
  await expect(d.getByRole("region", { name: /^Left: round 1$/ })).toContainText("This session: “a red apple with a green leaf”");
  // Its rounds are the choices of the right select; the best is shown first.
  await expect(d.getByLabel("Right round").locator("option")).toHaveCount(2);
  await d.getByLabel("Right round").selectOption("round-1");
  await expect(d.getByRole("region", { name: "Right: round 1 of “a blue line icon of a forklift”" })).toBeVisible();
  await expect(d.getByRole("img", { name: "Right preview: round 1" })).toBeVisible();
  await expect(d.getByTestId("change-summary")).toContainText("Round 1 → round 1 of “a blue line icon of a forklift”:");
  // ← / → move within that session's rounds.
  await d.getByRole("button", { name: "Side by side" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(d.getByLabel("Right round")).toHaveValue("round-2");
  await d.getByRole("button", { name: "Difference" }).click();
  await expect(d.getByTestId("pixels-changed")).toContainText("of pixels changed");
  // Back to this session.
  await d.getByLabel("Compare with another session").selectOption("");
  await expect(d.getByRole("region", { name: "Right: round 2" })).toBeVisible();
});
