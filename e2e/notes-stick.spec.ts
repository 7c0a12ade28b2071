import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";

/**
 * Notes that stick, for any model (here the built-in engine): from a "Your notes" round on, the
 * critic judges against the prompt and the notes, refinements keep to them, and the result is
 * picked from that round on; a kept round stays the result.
 */
const BLUE = "#1e88e5";

test('notes ("make it blue") give a blue result that the loop does not revert', async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("0");
  // A threshold no round reaches, so the refinements after the notes really run.
  await page.getByLabel("Score threshold").fill("10");
  await generate(page, "a red apple");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  await round(page, 1).getByLabel("Your notes").fill("make it blue");
  await round(page, 1).getByRole("button", { name: "Refine with my notes" }).click();
  const notes = round(page, 2);
  await expect(notes.getByLabel("Score")).toHaveText(/\d\.\d \/ 10/, { timeout: 60_000 });
  await expect(notes.getByLabel("SVG code of round 2")).toContainText(BLUE);
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  // Two more rounds after the notes, which must not refine the apple back to red.
  await page.getByLabel("More rounds").fill("2");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(round(page, 4).getByLabel("Score")).toHaveText(/\d\.\d \/ 10/, { timeout: 90_000 });
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  // The critic judged the notes round against the notes: its critique names the blue it saw.
  await expect(notes.getByRole("region", { name: "Critique of round 2" })).toContainText("blue");

  const result = page.getByRole("region", { name: "Result" });
  const heading = await result
    .getByText(/^Round \d+/)
    .first()
    .textContent();
  const best = Number(/Round (\d+)/.exec(heading ?? "")?.[1]);
  expect(best).toBeGreaterThanOrEqual(2);
  await expect(round(page, best).getByLabel(`SVG code of round ${best}`)).toContainText(BLUE);
  // Every round after the notes kept the blue.
  const count = await page.getByRole("article").count();
  for (let i = 2; i <= count; i++) await expect(round(page, i).getByLabel(`SVG code of round ${i}`)).toContainText(BLUE);
});

test("a kept round stays the result while later rounds run, and after a reload", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("0");
  await page.getByLabel("Score threshold").fill("10");
  await generate(page, "a sleeping cat");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  const result = page.getByRole("region", { name: "Result" });
  const keep = result.getByRole("button", { name: "Keep this round" });
  await expect(keep).toHaveAttribute("aria-pressed", "false");
  await keep.click();
  await expect(keep).toHaveAttribute("aria-pressed", "true");
  await expect(result).toContainText("Kept round");

  await page.getByLabel("More rounds").fill("2");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(round(page, 3).getByLabel("Score")).toHaveText(/\d\.\d \/ 10/, { timeout: 90_000 });
  await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
  await expect(result).toContainText("Kept round");
  await expect(result).toContainText("Round 1");

  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(result).toContainText("Kept round", { timeout: 30_000 });
  await expect(result).toContainText("Round 1");
  await expect(result.getByRole("button", { name: "Keep this round" })).toHaveAttribute("aria-pressed", "true");
});
