import fs from "node:fs/promises";
import type { Locator } from "@playwright/test";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { throttle } from "./fixtures/throttle";

/** Share of pixels in an <img> that are not (near) white: proves a render is not blank. */
async function inkRatio(image: Locator): Promise<number> {
  return image.evaluate(async (node) => {
    const img = node as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth || 200;
    canvas.height = img.naturalHeight || 200;
    const context = canvas.getContext("2d");
    if (!context) return 0;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 720) ink++;
    return ink / (data.length / 4);
  });
}

function scoreOf(text: string | null): number {
  const match = /(\d+(?:\.\d)?) \/ 10/.exec(text ?? "");
  if (!match) throw new Error(`no score in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

test("a whole loop on the built-in engine, from a clean start to a downloaded SVG", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status", { name: "Engine status" })).toContainText("Built-in engine — offline, rule-based; connect a GPU server for IntroSVG");
  await expect(page.getByText("No rounds yet")).toBeVisible();

  await page.getByLabel("Prompt", { exact: true }).fill("a magnifying glass with a cross in the middle");
  await page.getByLabel("Prompt", { exact: true }).press("Control+Enter");
  await expect(round(page, 1)).toBeVisible();
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });

  const rounds = page.getByRole("article", { name: /^Round \d+/ });
  const count = await rounds.count();
  expect(count).toBeGreaterThanOrEqual(2);
  const scores: number[] = [];
  for (let n = 1; n <= count; n++) {
    const card = round(page, n);
    const critic = card.getByRole("img", { name: /critic/ });
    await expect(critic).toBeVisible();
    expect(await critic.evaluate((img) => (img as HTMLImageElement).src.startsWith("data:image/png;base64,"))).toBe(true);
    expect(await inkRatio(critic)).toBeGreaterThan(0.01);
    expect(await inkRatio(card.getByRole("img", { name: `Live preview of round ${n}` }))).toBeGreaterThan(0.01);
    await expect(card.getByRole("region", { name: `Critique of round ${n}` })).toContainText(/\w{20,}|\w+ \w+ \w+/);
    scores.push(scoreOf(await card.getByLabel("Score").textContent()));
  }

  // The loop improved the flawed draft, and the best round is the highest-scoring one.
  expect(scores[scores.length - 1]).toBeGreaterThan(scores[0]);
  const bestIndex = scores.indexOf(Math.max(...scores)) + 1;
  await expect(round(page, bestIndex).getByText("Best", { exact: true })).toBeVisible();
  await expect(page.getByRole("article", { name: /, best$/ })).toHaveCount(1);

  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText(`Round ${bestIndex}`);
  const [download] = await Promise.all([page.waitForEvent("download"), result.getByRole("button", { name: "Download SVG" }).click()]);
  expect(download.suggestedFilename()).toBe(`a-magnifying-glass-with-a-cross-in-the-middle-round-${bestIndex}.svg`);
  const svg = await fs.readFile(await download.path(), "utf8");
  expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  expect(svg).toContain('viewBox="0 0 200 200"');
  expect(svg).not.toMatch(/<script|on\w+=/i);
});

test("reference mode reproduces the script's schedule: 4 rounds, the last critiqued at temperature 0", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Mode").selectOption("reference");
  await expect(page.getByLabel("Max refinements")).toBeDisabled();
  await generate(page, "a hamburger with cheese and lettuce on it");
  await expect(loopStatus(page)).toContainText("Done after 4 rounds", { timeout: 40_000 });
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(4);
  await expect(round(page, 4)).toContainText("final critique, T=0");
  await expect(round(page, 3)).not.toContainText("final critique, T=0");
  await expect(round(page, 1)).toContainText("Draft");
  await expect(round(page, 2)).toContainText("Refinement");
});

test("Generate is disabled without a prompt and the example prompts fill it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Generate" })).toBeDisabled();
  await page.getByRole("group", { name: "Examples" }).getByRole("button").first().click();
  await expect(page.getByLabel("Prompt", { exact: true })).not.toHaveValue("");
  await expect(page.getByRole("button", { name: "Generate" })).toBeEnabled();
});

test("Pause halts between steps and Resume finishes the loop", async ({ page }) => {
  await page.goto("/");
  // The reference schedule always runs 8 steps, and the first streams slowly (its download is
  // throttled), so Pause lands before the end however fast the engine and the machine are.
  await page.getByLabel("Mode").selectOption("reference");
  await throttle(page, 2_000);
  await generate(page, "a magnifying glass with a cross in the middle");
  await expect(round(page, 1)).toContainText("Generating SVG");
  await page.getByRole("button", { name: "Pause" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Paused");
  const roundsWhenPaused = await page.getByRole("article", { name: /^Round \d+/ }).count();
  await page.waitForTimeout(500);
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(roundsWhenPaused);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(loopStatus(page)).toContainText("Done after 4 rounds", { timeout: 30_000 });
});

test("Stop keeps what was done; Retry continues the stopped step to the end", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Mode").selectOption("reference");
  await generate(page, "a hamburger with cheese and lettuce on it");
  await expect(round(page, 2)).toBeVisible({ timeout: 20_000 });
  // Round 2 streams slowly from here, so Stop lands in it however fast the engine is.
  await throttle(page, 2_000);
  // Meanwhile the Result keeps round 1's scored drawing, not a blank panel.
  const result = page.getByRole("region", { name: "Result" });
  await expect(result.getByRole("heading", { name: "Best so far" })).toBeVisible();
  await expect(result.getByRole("img", { name: "Round 1 result" })).toBeVisible();
  await page.getByRole("button", { name: "Stop" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Stopped");
  const stopped = page.getByRole("article", { name: /^Round \d+/ }).last();
  await expect(stopped.getByRole("alert")).toContainText("Stopped");
  await expect(round(page, 1).getByLabel("Score")).toHaveText(/\d\.\d \/ 10/);
  await stopped.getByRole("button", { name: "Retry" }).click();
  await expect(loopStatus(page)).toContainText("Done after 4 rounds", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Rounds" }).getByRole("alert")).toHaveCount(0);
});

test("Generate while a loop runs starts over: the newest request wins", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Mode").selectOption("reference");
  await generate(page, "a magnifying glass with a cross in the middle");
  await expect(round(page, 1)).toBeVisible();
  await page.getByLabel("Mode").selectOption("paper");
  await generate(page, "a blue line icon of a forklift");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Critique of round 1" })).toContainText("forklift");
  await expect(page.getByText("final critique, T=0")).toHaveCount(0);
});
