/**
 * The rough edges a new user hit (issue 21), each as that user meets it: the editor's room at
 * 1024 px, errors that belong to their text, a critique cut short, one partial preview, the
 * batch CSV checked when chosen, batch items out of the studio's history, limits said by their
 * fields, More rounds after a passing round, a session interrupted in its first round, and the
 * wording of small things. Screenshots of the main states at 1024 and 1280 go to the test output.
 */
import type { Locator, Page } from "@playwright/test";
import { PORTS } from "../playwright.config";
import { editor, typeIntoEditor } from "./fixtures/editor";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { throttle } from "./fixtures/throttle";

async function finishedLoop(page: Page, prompt = "a magnifying glass with a cross in the middle") {
  await page.goto("/");
  await generate(page, prompt);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
}

const widthOf = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0;

/** How many characters of the editor's font one line of its code pane holds. */
async function codeColumns(page: Page): Promise<number> {
  return editor(page)
    .locator(".monaco-editor")
    .evaluate((root) => {
      const line = root.querySelector(".view-line span") as HTMLElement;
      const probe = document.createElement("span");
      const style = getComputedStyle(line);
      // (The font longhands: the computed `font` shorthand is empty.)
      const { fontFamily, fontSize, fontWeight, letterSpacing } = style;
      Object.assign(probe.style, { fontFamily, fontSize, fontWeight, letterSpacing, whiteSpace: "pre", position: "absolute" });
      probe.textContent = "x".repeat(100);
      document.body.append(probe);
      const charWidth = probe.getBoundingClientRect().width / 100;
      probe.remove();
      const lines = root.querySelector(".view-lines") as HTMLElement;
      const scrollable = root.querySelector(".editor-scrollable") as HTMLElement;
      // The text area: the scrollable part less its vertical scrollbar.
      return Math.floor(Math.min(lines.getBoundingClientRect().width, scrollable.clientWidth - 14) / charWidth);
    });
}

/** The element's text sits on one line, and none of it is cut off. */
async function expectOneLine(locator: Locator) {
  const { lines, clipped } = await locator.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    const el = node as HTMLElement;
    return { lines: tops.size, clipped: el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== "visible" };
  });
  expect(lines, `“${await locator.textContent()}” on one line`).toBe(1);
  expect(clipped, `“${await locator.textContent()}” not clipped`).toBe(false);
}

test.describe("at 1024×768", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("the editor has room: 60+ characters a line, panes resized with the keyboard and remembered, Widen editor; labels keep to one line", async ({
    page,
  }, testInfo) => {
    await finishedLoop(page);
    await expect(editor(page).locator(".view-lines")).toContainText("<svg", { timeout: 30_000 });
    expect(await codeColumns(page)).toBeGreaterThanOrEqual(60);

    const separator = page.getByRole("separator", { name: "Resize the timeline and the workbench" });
    const before = await widthOf(editor(page));
    await separator.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
    await expect.poll(() => widthOf(editor(page))).toBeGreaterThan(before + 20);
    const resized = await widthOf(editor(page));
    await page.reload();
    await expect(loopStatus(page)).toContainText("Done");
    await expect.poll(async () => Math.abs((await widthOf(editor(page))) - resized)).toBeLessThan(4);

    const widen = editor(page).getByRole("button", { name: "Widen editor" });
    await widen.click();
    await expect(widen).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => widthOf(editor(page))).toBeGreaterThan(1024 * 0.6);
    await page.screenshot({ path: testInfo.outputPath("editor-widened-1024.png") });
    await widen.click();
    await expect(widen).toHaveAttribute("aria-pressed", "false");

    // Wording and layout at 1024: nothing breaks onto a second line, nothing is cut off.
    await expectOneLine(page.getByRole("link", { name: "Batch runs" }));
    await expectOneLine(page.getByRole("region", { name: "Result" }).getByText(/^\d\.\d \/ 10$/));
    await expectOneLine(round(page, 1).getByText(/ chars$/));
    const tools = editor(page).getByRole("group", { name: "Editor tools" });
    const format = await tools.getByRole("button", { name: "Format" }).boundingBox();
    const revert = await tools.getByRole("button", { name: "Revert" }).boundingBox();
    expect(Math.abs((format?.y ?? 0) - (revert?.y ?? -100))).toBeLessThan(2);
    // The engine status line is cut to fit, and More shows the whole of it.
    const status = page.getByRole("status", { name: "Engine status" });
    const more = status.getByRole("button", { name: /More/ });
    await more.click();
    await expect(status.getByRole("button", { name: /Less/ })).toHaveAttribute("aria-expanded", "true");
    await expect(status).toContainText("offline, the profiles are stand-ins");
    await page.screenshot({ path: testInfo.outputPath("studio-done-1024.png"), fullPage: true });
  });
});

test("at 1280×800 the main states keep their text whole (screenshots for review)", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await finishedLoop(page);
  await expectOneLine(page.getByRole("region", { name: "Result" }).getByText(/^\d\.\d \/ 10$/));
  expect(await codeColumns(page)).toBeGreaterThanOrEqual(60);
  await page.screenshot({ path: testInfo.outputPath("studio-done-1280.png"), fullPage: true });
  await page.goto("/batch");
  await expectOneLine(page.getByRole("heading", { level: 1, name: "Batch runs" }));
  await page.screenshot({ path: testInfo.outputPath("batch-1280.png"), fullPage: true });
});

test("an editor error belongs to its text: gone once the text is valid or empty, and nothing is judged while the editor loads", async ({ page }) => {
  await finishedLoop(page);
  const sessionUrl = page.url();
  await typeIntoEditor(page, '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>');
  await editor(page).getByRole("button", { name: "Format" }).click();
  await expect(editor(page).getByRole("alert")).toBeVisible();
  await typeIntoEditor(page, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>');
  await expect(editor(page)).toContainText("Unsaved edit");
  await expect(editor(page).getByRole("alert")).toHaveCount(0);
  await typeIntoEditor(page, "");
  await expect(editor(page)).toContainText("has no SVG yet");
  await expect(editor(page).getByRole("alert")).toHaveCount(0);

  // The editor's code arrives late (its chunks held back): until it shows the text, no verdict.
  const held: Array<() => void> = [];
  let holding = true;
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    // Monaco's own code (it reads MonacoEnvironment); the page's chunks come at once.
    if (holding && body.includes("MonacoEnvironment")) await new Promise<void>((resolve) => held.push(resolve));
    await route.fulfill({ response, body });
  });
  await page.goto(sessionUrl, { waitUntil: "commit" });
  await expect(editor(page)).toContainText("Loading editor…", { timeout: 20_000 });
  await expect(editor(page).getByRole("alert")).toHaveCount(0);
  await expect(editor(page)).not.toContainText("XML error");
  await expect(editor(page)).not.toContainText("No preview");
  holding = false;
  for (const release of held) release();
  await expect(editor(page).locator(".view-lines")).toContainText("<svg", { timeout: 30_000 });
  await expect(editor(page).getByRole("alert")).toHaveCount(0);
});

test("while a round streams, its card and the editor show the same partial preview", async ({ page }) => {
  await page.goto("/");
  await throttle(page, 600);
  await generate(page, "a violin and a trumpet icon");
  const card = round(page, 1).getByRole("img", { name: "Live preview of round 1" });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(round(page, 1)).toContainText("Generating SVG");
  // The same frame everywhere: once the card has shapes, the editor is not still waiting.
  await expect(editor(page).getByRole("img", { name: "Edit preview of round 1" })).toBeVisible({ timeout: 1_500 });
  await expect(editor(page)).not.toContainText("Waiting for the first shapes");
  await page.getByRole("button", { name: "Stop" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Stopped");
});

test.describe("a critique cut short", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

  test("Stop during the critique gives no score: the round says it stopped at its critique, with Retry", async ({ page }) => {
    await page.goto("/");
    await generate(page, "a blue square with a white cross fault:critic-slow");
    const first = round(page, 1);
    await expect(first.getByRole("region", { name: "Critique of round 1" })).toContainText("A clean", { timeout: 20_000 });
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(loopStatus(page)).toContainText("Stopped");
    await expect(first.getByRole("alert")).toContainText("Stopped at its critique");
    await expect(first.getByLabel("Score")).toHaveText("– / 10");
    await expect(first).toHaveAccessibleName(/^Round 1 · Draft$/);
    await expect(first).toContainText("unfinished, not scored");
    await expect(first.getByRole("button", { name: "Retry" })).toBeVisible();
  });
});

test.describe("the batch page", () => {
  test("a CSV is read and checked when it is chosen: what is wrong and where, or how many prompts and the first rows", async ({ page }) => {
    await page.goto("/batch");
    const form = page.getByRole("form", { name: "New batch" });
    const file = form.getByLabel("Prompts CSV");
    await expect(form.locator('input[type="file"]')).toHaveCount(1);
    await expect(form).toContainText("No file chosen");

    await file.setInputFiles({ name: "badheader.csv", mimeType: "text/csv", buffer: Buffer.from("name,text\na,b\nc,d\n") });
    await expect(form.getByRole("alert")).toContainText("badheader.csv: line 1: the header has no 'id' or 'desc' column");
    await expect(form).toContainText("badheader.csv · not usable");
    await expect(form.getByRole("button", { name: "Start batch" })).toBeDisabled();

    await file.setInputFiles({ name: "repeats.csv", mimeType: "text/csv", buffer: Buffer.from("id,desc\na,a kite\nb,a star\na,a cup\n") });
    await expect(form.getByRole("alert")).toContainText("repeats.csv: line 4: id 'a' repeats line 2");

    const rows = ["a red kite", "a blue umbrella", "a yellow star", "a coffee cup", "a green leaf"].map((desc, i) => `p${i + 1},${desc}`);
    await file.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(`id,desc\n${rows.join("\n")}\n`) });
    await expect(form).toContainText("good.csv · 5 prompts");
    await expect(form.getByRole("alert")).toHaveCount(0);
    const table = form.getByRole("table", { name: "First prompts of good.csv" });
    await expect(table.getByRole("row")).toHaveCount(1 + 3 + 1);
    await expect(table).toContainText("a red kite");
    await expect(table).toContainText("and 2 more");
    await expect(form.getByRole("button", { name: "Start batch" })).toBeEnabled();
  });

  test("batch items stay out of the studio's history: a filter shows them by job, and a search finds both", async ({ page }) => {
    const tag = `okapi${Date.now().toString(36)}`;
    await page.goto("/batch");
    const form = page.getByRole("form", { name: "New batch" });
    await form.getByLabel("Prompts CSV").setInputFiles({
      name: `${tag}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(`id,desc\no1,an ${tag} in a hat\no2,an ${tag} with a ball\n`),
    });
    await form.getByLabel("Max refinements").fill("0");
    await form.getByRole("button", { name: "Start batch" }).click();
    await expect(page.getByRole("status", { name: "Batch status" })).toHaveText("Done", { timeout: 45_000 });

    await page.goto("/");
    const history = page.getByRole("complementary", { name: "History" });
    const show = history.getByLabel("Show");
    await expect(show).toHaveValue("studio");
    await expect(history.getByRole("listitem").filter({ hasText: tag })).toHaveCount(0);
    await show.selectOption({ label: "Batch items" });
    const job = history.getByRole("listitem", { name: `Batch job ${tag}.csv` });
    await expect(job.getByRole("listitem")).toHaveCount(2);
    await expect(job.getByRole("link", { name: `${tag}.csv` })).toHaveAttribute("href", /^\/batch\/[0-9a-f-]{36}$/);
    await show.selectOption({ label: "Studio sessions" });
    await history.getByLabel("Search sessions").fill(tag);
    await expect(history).toContainText("Searching studio sessions and batch items.");
    await expect(history.getByRole("list", { name: "Sessions" }).getByRole("listitem").filter({ hasText: tag })).toHaveCount(2);
  });
});

test("limits are said by their fields and never applied silently", async ({ page }) => {
  await page.goto("/");
  const prompt = page.getByLabel("Prompt", { exact: true });
  const generateButton = page.getByRole("button", { name: "Generate" });
  await expect(generateButton).toBeDisabled();
  await expect(page.getByText("Type a prompt (or pick an example) to generate.")).toBeVisible();

  await prompt.fill("x".repeat(2_001));
  expect((await prompt.inputValue()).length).toBe(2_001);
  await expect(prompt).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/2,001 characters long; at most 2,000 are sent\. Shorten it by 1 character to generate\./).first()).toBeVisible();
  await expect(generateButton).toBeDisabled();

  await prompt.fill("a red kite");
  await expect(generateButton).toBeEnabled();
  const maxRefinements = page.getByLabel("Max refinements");
  await maxRefinements.fill("-2");
  await expect(page.getByText("Max refinements must be from 0 to 10 (-2 is not).").first()).toBeVisible();
  await expect(maxRefinements).toHaveValue("-2");
  await expect(generateButton).toBeDisabled();
  await page.getByLabel("Score threshold").fill("15");
  await expect(page.getByText("Score threshold must be from 0 to 10 (15 is not).").first()).toBeVisible();
  await maxRefinements.fill("2");
  await page.getByLabel("Score threshold").fill("9");
  await expect(generateButton).toBeEnabled();
  await expect(maxRefinements).toHaveValue("2");
});

test("More rounds after a passing round runs them; the field never changes by itself, and Resume says why in the page", async ({ page }) => {
  await finishedLoop(page);
  const rounds = await page.getByRole("article", { name: /^Round \d+/ }).count();
  const moreRounds = page.getByLabel("More rounds");
  const resume = page.getByRole("button", { name: "Resume" });
  const why = page.getByRole("status", { name: "Resume" });
  await expect(moreRounds).toHaveValue("0");
  await expect(resume).toBeDisabled();
  await expect(why).toContainText("The loop is done. Set More rounds to run more refinement rounds");
  await moreRounds.fill("2");
  await expect(why).toContainText(`Resume runs 2 more rounds after round ${rounds}, whatever their score.`);
  await resume.click();
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(rounds + 2);
  await expect(moreRounds).toHaveValue("2");
});

test("a session interrupted in its first round reopens with its prompt and a way to start it", async ({ page }) => {
  await page.goto("/");
  await throttle(page, 300);
  await generate(page, "a paper boat on a wave");
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await expect(round(page, 1)).toContainText("Generating SVG", { timeout: 20_000 });
  await throttle(page, null);
  await page.reload();
  await expect(page.getByText("Interrupted before its first round finished", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a paper boat on a wave");
  await expect(page.getByRole("button", { name: "Compare with another profile" })).toBeDisabled();
  await expect(page.getByRole("status", { name: "Resume" })).toContainText("Resume starts this session");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  await expect(round(page, 1)).toHaveAccessibleName(/score \d\.\d/);
});

test("small words: a one-round session's delete dialog, and a file that is not JSON", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("0");
  await generate(page, "a green leaf with one vein");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const history = page.getByRole("complementary", { name: "History" });
  const item = history.getByRole("listitem").filter({ hasText: "a green leaf with one vein" }).first();
  await item.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete session?" });
  await expect(confirm).toContainText("and its 1 round will be removed for good.");
  await confirm.getByRole("button", { name: "Cancel" }).click();

  await history.getByLabel("Import session JSON").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a session") });
  await expect(history.getByRole("alert")).toHaveText("Import failed: notes.txt is not JSON. Choose a session file made by Export JSON (a .json file).");
});
