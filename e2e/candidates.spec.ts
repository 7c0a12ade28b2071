import sharp from "sharp";
import { PORTS } from "../playwright.config";
import type { Page } from "@playwright/test";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";

// Candidates and imports against the fault-injecting fixture upstream (lmdeploy's dialect).
test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });
test.setTimeout(120_000);

const FIXTURE = `http://127.0.0.1:${PORTS.fixture}`;

interface FixtureEvent {
  at: number;
  kind: string;
  fault: string;
  role: string;
  seed?: number;
}

async function fixtureEvents(page: Page, since: number): Promise<FixtureEvent[]> {
  const response = await page.request.get(`${FIXTURE}/__events`);
  return ((await response.json()) as { events: FixtureEvent[] }).events.filter((e) => e.at >= since);
}

async function setLoop(page: Page, settings: { candidates?: number; threshold?: number; maxRefinements?: number }) {
  if (settings.candidates !== undefined) await page.getByRole("spinbutton", { name: "Candidates", exact: true }).fill(String(settings.candidates));
  if (settings.threshold !== undefined) await page.getByLabel("Score threshold").fill(String(settings.threshold));
  if (settings.maxRefinements !== undefined) await page.getByLabel("Max refinements").fill(String(settings.maxRefinements));
}

test("four candidates stream side by side; the truncated one is marked and skipped; Continue from this forks the loop", async ({ page }) => {
  const since = Date.now();
  await page.goto("/");
  await setLoop(page, { candidates: 4, threshold: 10, maxRefinements: 1 });
  await generate(page, "a square in one of four colours fault:candidates");

  const region = page.getByRole("region", { name: "Candidates" });
  const cards = region.getByRole("article");
  await expect(cards).toHaveCount(4);
  await expect(cards.nth(0)).toHaveAccessibleName("Candidate 1");
  await expect(cards.nth(3)).toHaveAccessibleName("Candidate 4");
  // All four stream at once, each into its own card.
  await expect(cards.filter({ hasText: "Generating SVG" })).toHaveCount(4);

  // One is cut off on the token limit: marked, and never chosen.
  const truncated = cards.filter({ hasText: "Truncated" });
  await expect(truncated).toHaveCount(1, { timeout: 30_000 });
  await expect(truncated.getByRole("button", { name: "Continue from this" })).toBeDisabled();
  const chosen = cards.filter({ has: page.getByText("Chosen", { exact: true }) });
  await expect(chosen).toHaveCount(1, { timeout: 30_000 });
  const truncatedName = await truncated.getAttribute("aria-label");
  const chosenName = (await chosen.getAttribute("aria-label"))!;
  expect(chosenName).not.toBe(truncatedName);
  // The three valid ones were each rendered and critiqued: the critic's image and score.
  const valid = cards.filter({ hasNotText: "Truncated" });
  await expect(valid).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(valid.nth(i).getByLabel("Score")).toHaveText("9.7 / 10");
    await expect(valid.nth(i).getByRole("img", { name: /What the critic saw for candidate/ })).toBeVisible();
  }
  // Equal scores: the lowest-numbered valid candidate is chosen, and the loop goes on from it.
  const validNames = await valid.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!));
  expect(chosenName).toBe(validNames[0]);
  await expect(round(page, 1)).toHaveAccessibleName(new RegExp(`^Round 1 · ${chosenName}`));
  await expect(round(page, 2)).toHaveAccessibleName(/^Round 2 · Refinement/);
  await expect(loopStatus(page)).toContainText("Done");

  // Four generator requests with distinct seeds, overlapping in time.
  const events = await fixtureEvents(page, since);
  const started = events.filter((e) => e.kind === "started" && e.fault === "candidates" && e.role === "generator");
  expect(started).toHaveLength(4);
  expect(new Set(started.map((e) => e.seed)).size).toBe(4);
  const firstEnd = Math.min(...events.filter((e) => e.kind === "completed" && e.role === "generator" && e.seed !== undefined).map((e) => e.at));
  expect(started.every((e) => e.at <= firstEnd)).toBe(true);

  // Kept with the session: back after a reload.
  const firstSession = page.url();
  expect(firstSession).toMatch(/\/s\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ has: page.getByText("Chosen", { exact: true }) })).toHaveAccessibleName(chosenName);
  await expect(cards.filter({ hasText: "Truncated" })).toHaveCount(1);

  // Comparable with any round.
  const other = valid.nth(1);
  const otherName = (await other.getAttribute("aria-label"))!;
  await other.getByRole("button", { name: "Compare" }).click();
  const dialog = page.getByRole("dialog", { name: "Compare rounds" });
  await expect(dialog.getByRole("img", { name: new RegExp(`preview: ${otherName}`) })).toBeVisible();
  await expect(dialog.getByTestId("change-summary")).toContainText(/colou?r/i);
  // The code diff has been computed before the dialog closes (Monaco's diff editor is disposed with it).
  await expect(dialog.locator(".monaco-diff-editor .char-insert, .monaco-diff-editor .line-insert").first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // "Continue from this" on another forks: a new session whose round 1 is that candidate.
  await other.getByRole("button", { name: "Continue from this" }).click();
  await expect(page).not.toHaveURL(firstSession);
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await expect(round(page, 1)).toHaveAccessibleName(new RegExp(`^Round 1 · ${otherName}`));
  await expect(cards.filter({ has: page.getByText("Chosen", { exact: true }) })).toHaveAccessibleName(otherName);
  await expect(round(page, 2)).toHaveAccessibleName(/^Round 2 · Refinement/);
  await expect(loopStatus(page)).toContainText("Done");
  await expect(page.getByRole("status", { name: "Progress announcements" })).toContainText(`Loop finished: best round 1 (${otherName}) scored 9.7`);
  // The first session is untouched.
  await page.goto(firstSession);
  await expect(round(page, 1)).toHaveAccessibleName(new RegExp(`^Round 1 · ${chosenName}`));
});

test("Stop during the candidates aborts every request upstream", async ({ page }) => {
  const since = Date.now();
  await page.goto("/");
  await setLoop(page, { candidates: 3 });
  await generate(page, "a square to stop fault:candidates pace:slow");
  const cards = page.getByRole("region", { name: "Candidates" }).getByRole("article");
  await expect(cards.filter({ hasText: "Generating SVG" })).toHaveCount(3);
  // All three requests are upstream (a card shows "Generating SVG" as soon as its request is on its way).
  await expect
    .poll(async () => (await fixtureEvents(page, since)).filter((e) => e.kind === "started" && e.fault === "candidates").length, { timeout: 15_000 })
    .toBe(3);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(cards.filter({ hasText: "Stopped" })).toHaveCount(3);
  await expect(page.getByRole("status", { name: "Loop status" })).toContainText(/stopped/i);
  await expect
    .poll(async () => (await fixtureEvents(page, since)).filter((e) => e.kind === "closed-early" && e.role === "generator").length, { timeout: 15_000 })
    .toBe(3);
});

const INKSCAPE_KITE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="200" height="200" viewBox="0 0 200 200" version="1.1" id="svg1"
   inkscape:version="1.3.2" sodipodi:docname="kite.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:zoom="2.4" />
  <metadata><rdf:RDF><dc:title>kite</dc:title></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <path style="fill:#d62828;stroke:#222222;stroke-width:2" d="M 100,20 150,100 100,180 50,100 Z" id="path1" sodipodi:nodetypes="cccc" />
  </g>
</svg>
`;

test("an imported editor SVG is round 1 · Imported, critiqued and refined; the prompt is required", async ({ page }) => {
  await page.goto("/");
  await setLoop(page, { threshold: 10, maxRefinements: 1 });
  const file = { name: "kite.svg", mimeType: "image/svg+xml", buffer: Buffer.from(INKSCAPE_KITE) };

  // No prompt yet: the import waits, and says why.
  await page.getByLabel("Import SVG").setInputFiles(file);
  await expect(page.getByRole("alert").filter({ hasText: "Write a prompt for kite.svg first" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Imported SVG" })).toContainText("kite.svg");
  await page.getByLabel("Prompt", { exact: true }).fill("a red kite");
  await page.getByRole("button", { name: "Generate" }).click();

  const first = round(page, 1);
  await expect(first).toHaveAccessibleName(/^Round 1 · Imported/);
  await expect(first.getByLabel("Score")).toHaveText("9.7 / 10");
  await expect(first.getByRole("img", { name: "What the critic saw for round 1" })).toBeVisible();
  await expect(round(page, 2)).toHaveAccessibleName(/^Round 2 · Refinement/);
  await expect(loopStatus(page)).toContainText("Done");
  // The file as read is the round's text; the drawing the critic saw was sanitized, clutter dropped.
  await expect(first.getByRole("region", { name: "SVG code of round 1" })).toContainText("Created with Inkscape");
  await expect(page.getByRole("status", { name: "Progress announcements" })).toContainText("Loop finished: best round 1 (Imported) scored 9.7");

  // A broken file is refused with its line.
  await page.getByLabel("Import SVG").setInputFiles({ ...file, name: "broken.svg", buffer: Buffer.from(INKSCAPE_KITE.replace("</g>", "</h>")) });
  await expect(page.getByRole("alert").filter({ hasText: /Could not import broken\.svg: Line 1[0-9], column \d+/ })).toBeVisible();
});

test("an SVG dropped onto the studio, or pasted into the prompt box, starts a session from it", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Prompt", { exact: true }).fill("a red kite");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped-kite.svg", { type: "image/svg+xml" }));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, INKSCAPE_KITE);
  await expect(round(page, 1)).toHaveAccessibleName(/^Round 1 · Imported/);
  await expect(page.getByRole("status").filter({ hasText: "Started from dropped-kite.svg" })).toBeVisible();
  await expect(loopStatus(page)).toContainText("Done");
  const dropped = page.url();

  await page.getByLabel("Prompt", { exact: true }).fill("a red kite, pasted");
  await page.getByLabel("Prompt", { exact: true }).evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, INKSCAPE_KITE);
  await expect(page.getByRole("status").filter({ hasText: "Started from the pasted SVG" })).toBeVisible();
  await expect(page).not.toHaveURL(dropped);
  await expect(round(page, 1)).toHaveAccessibleName(/^Round 1 · Imported/);
  // The prompt box keeps the prompt, not the pasted code.
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a red kite, pasted");
});

test("an .svg is always an import and a PNG always the Image target, wherever each is dropped or chosen", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Prompt", { exact: true }).fill("a red kite");
  const png = await sharp(Buffer.from(INKSCAPE_KITE)).resize(64, 64).png().toBuffer();
  const dropOnPage = (file: { name: string; type: string; base64: string }) =>
    page.evaluate(({ name, type, base64 }) => {
      const raw = atob(base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, file);

  // A PNG dropped anywhere on the studio becomes the target picture; nothing is imported or started.
  await dropOnPage({ name: "kite.png", type: "image/png", base64: png.toString("base64") });
  const imageField = page.getByTestId("image-drop-zone");
  await expect(imageField.getByRole("img", { name: "Target: kite.png" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Imported SVG" })).toHaveCount(0);
  await expect(round(page, 1)).toHaveCount(0);
  await imageField.getByRole("button", { name: "Remove image" }).click();

  // An .svg chosen in the Image input is no target (it is not refused either): it is imported.
  await page.getByLabel("Image", { exact: true }).setInputFiles({ name: "kite.svg", mimeType: "image/svg+xml", buffer: Buffer.from(INKSCAPE_KITE) });
  await expect(page.getByRole("status").filter({ hasText: "Started from kite.svg" })).toBeVisible();
  await expect(round(page, 1)).toHaveAccessibleName(/^Round 1 · Imported/);
  await expect(imageField.getByRole("alert")).toHaveCount(0);
  await expect(imageField.getByRole("img")).toHaveCount(0);
  await expect(loopStatus(page)).toContainText("Done");

  // An .svg dropped on the Image field itself is an import too.
  const imported = page.url();
  await page.getByLabel("Prompt", { exact: true }).fill("a red kite, dropped on the field");
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "field-kite.svg", { type: "image/svg+xml" }));
    return data;
  }, INKSCAPE_KITE);
  await imageField.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("status").filter({ hasText: "Started from field-kite.svg" })).toBeVisible();
  await expect(page).not.toHaveURL(imported);
  await expect(imageField.getByRole("alert")).toHaveCount(0);
  await expect(imageField.getByRole("img")).toHaveCount(0);
});
