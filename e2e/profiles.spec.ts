import { PORTS } from "../playwright.config";
import { throttle } from "./fixtures/throttle";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import type { Page } from "@playwright/test";

/**
 * Profiles on the built-in engine (which answers every built-in profile's prompts), the
 * designer's notes, comparing two profiles' runs, a profile whose server is down, and the
 * IntroSVG critic on a server of its own.
 */
const engineStatus = (page: Page) => page.getByRole("status", { name: "Engine status" });

async function chooseProfile(page: Page, label: string) {
  await page.getByLabel("Profile", { exact: true }).selectOption({ label });
}

test.describe("profiles on the built-in engine", () => {
  test("IntroSVG is the first profile and the default; the status line shows its generator and critic", async ({ page }) => {
    await page.goto("/");
    const select = page.getByLabel("Profile", { exact: true });
    await expect(select.locator("option")).toHaveText(["IntroSVG", "InternSVG-8B", "Chat model"]);
    await expect(select).toHaveValue("intro-svg");
    await expect(engineStatus(page)).toContainText("IntroSVG: generator introsvg-builtin @ built-in · critic introsvg-builtin @ built-in");
    await page.getByLabel("Max refinements").fill("1");
    await generate(page, "a red heart with a white cross");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
    await expect(round(page, 1)).toContainText("written by introsvg-builtin");
    await expect(round(page, 1)).toContainText("judged by introsvg-builtin");
  });

  test("InternSVG-8B writes and edits, the IntroSVG critic judges", async ({ page }) => {
    await page.goto("/");
    await chooseProfile(page, "InternSVG-8B");
    await expect(engineStatus(page)).toContainText("InternSVG-8B: generator internsvg-builtin @ built-in · critic introsvg-builtin @ built-in");
    await page.getByLabel("Max refinements").fill("1");
    await generate(page, "a blue line icon of a forklift");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
    const first = round(page, 1);
    await expect(first).toContainText("written by internsvg-builtin");
    await expect(first).toContainText("judged by introsvg-builtin");
    await expect(first.getByLabel("Score")).toHaveText(/\d\.\d \/ 10/);
    // Bare SVG, as InternSVG answers "Only output the svg code".
    await expect(first.getByLabel("SVG code of round 1")).toHaveText(/^<svg/);
    if (await round(page, 2).count()) await expect(round(page, 2)).toContainText("written by internsvg-builtin");
  });

  test("a chat model answers in a ```svg fence with prose; the SVG is extracted, rendered and critiqued", async ({ page }) => {
    await page.goto("/");
    await chooseProfile(page, "Chat model");
    await expect(engineStatus(page)).toContainText("Chat model: generator chat-builtin @ built-in · critic introsvg-builtin @ built-in");
    await page.getByLabel("Max refinements").fill("1");
    await generate(page, "a magnifying glass with a cross in the middle");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
    const first = round(page, 1);
    await expect(first.getByLabel("SVG code of round 1")).toContainText("Here is the SVG icon:");
    await expect(first.getByLabel("SVG code of round 1")).toContainText("```svg");
    await expect(first.getByRole("img", { name: "What the critic saw for round 1" })).toBeVisible();
    await expect(first).toContainText("written by chat-builtin");
    await expect(first.getByLabel("Score")).toHaveText(/\d\.\d \/ 10/);
  });

  test("the profile is stored with the session and comes back with it", async ({ page }) => {
    await page.goto("/");
    await chooseProfile(page, "InternSVG-8B");
    await page.getByLabel("Max refinements").fill("0");
    await generate(page, "a green leaf");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
    await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
    await page.reload();
    await expect(round(page, 1)).toContainText("written by internsvg-builtin");
    await expect(page.getByLabel("Profile", { exact: true })).toHaveValue("internsvg-8b");
  });
});

test('refine from your own notes: a "Your notes" round, critiqued, stored with its notes', async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("0");
  await generate(page, "a blue circle icon");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const first = round(page, 1);
  const button = first.getByRole("button", { name: "Refine with my notes" });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute("title", /Write your notes first/);
  await first.getByLabel("Your notes").fill("Make it red\nbigger");
  await expect(button).toBeEnabled();
  await button.click();

  const notes = round(page, 2);
  await expect(notes).toBeVisible();
  await expect(notes.getByRole("heading")).toHaveText("Round 2 · Your notes");
  await expect(notes.getByLabel("Your notes for round 2")).toContainText("Make it red\nbigger");
  await expect(notes.getByLabel("Score")).toHaveText(/\d\.\d \/ 10/, { timeout: 30_000 });
  await expect(loopStatus(page)).toContainText("Done");
  await expect(notes.getByRole("region", { name: "Critique of round 2" })).toContainText(/\w+ \w+ \w+/);
  await expect(notes.getByRole("img", { name: "What the critic saw for round 2" })).toBeVisible();
  // The red the designer asked for is in the new round's SVG; the first is unchanged.
  await expect(notes.getByLabel("SVG code of round 2")).toContainText("#e53935");
  // A notes round spends no refinement budget: the loop stopped after it, as its settings say.
  await expect(round(page, 3)).toHaveCount(0);

  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(round(page, 2).getByRole("heading")).toHaveText("Round 2 · Your notes");
  await expect(round(page, 2).getByLabel("Your notes for round 2")).toContainText("Make it red");
});

test("compare with another profile: the same prompt, a linked session, both runs side by side", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("1");
  await expect(page.getByRole("button", { name: "Compare with another profile" })).toBeDisabled();
  await generate(page, "a red kite");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const compareButton = page.getByRole("button", { name: "Compare with another profile" });
  // A popover: Esc closes it (focus back on its button), as does a click outside.
  await compareButton.click();
  await expect(page.getByLabel("Second profile")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Second profile")).toBeHidden();
  await expect(compareButton).toBeFocused();
  await compareButton.click();
  await page.getByRole("heading", { name: "IntroSVG Studio" }).click();
  await expect(page.getByLabel("Second profile")).toBeHidden();
  await compareButton.click();
  await page.getByLabel("Second profile").selectOption({ label: "Chat model" });
  await page.getByRole("button", { name: "Run and compare" }).click();

  await expect(page).toHaveURL(/\/compare\?left=[0-9a-f-]{36}&profile=chat|right=/);
  const left = page.getByRole("region", { name: "Left: IntroSVG" });
  const right = page.getByRole("region", { name: "Right: Chat model" });
  await expect(left.getByRole("status")).toContainText("Done");
  await expect(right.getByRole("status")).toContainText("Done", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/compare\?left=[0-9a-f-]{36}&right=[0-9a-f-]{36}$/);
  await expect(left.getByText(/^Best: round \d$/)).toBeVisible();
  await expect(right.getByText(/^Best: round \d$/)).toBeVisible();
  await expect(right.getByRole("list", { name: "Right rounds" })).toContainText("written by chat-builtin");
  // The linked run's progress is announced politely, named by its profile.
  const announcements = page.getByRole("status", { name: "Progress announcements" });
  // (The region keeps its last four messages: the end of the run, each named by its profile.)
  await expect(announcements).toContainText(/Chat model: Round \d scored \d\.\d/);
  await expect(announcements).toContainText("Chat model: Loop finished");

  // Any two rounds across the sessions: round 1 of each.
  await left.getByRole("button", { name: /^Round 1 · Draft/ }).click();
  await right.getByRole("button", { name: /^Round 1 · Draft/ }).click();
  const compared = page.getByRole("region", { name: "Compared rounds" });
  await expect(compared.getByRole("heading")).toHaveText("IntroSVG round 1 vs Chat model round 1");
  await expect(compared.getByRole("img", { name: "Chat model round 1, compared" })).toBeVisible();

  // The stored pair reopens from its URL.
  await page.reload();
  await expect(page.getByRole("region", { name: "Right: Chat model" }).getByRole("status")).toContainText("Done");
});

test("a comparison of a session that is not there says so, asking the server once", async ({ page, consoleErrors }) => {
  const asked: string[] = [];
  page.on("request", (r) => r.url().includes("/api/sessions/nope") && asked.push(r.url()));
  await page.goto("/compare?left=nope&profile=chat");
  await expect(page.getByRole("alert").filter({ hasText: "Could not open the session" })).toContainText(/Could not open the session: .*not a session id/);
  await page.waitForTimeout(1_500); // where a retry of the refused request would have gone out
  expect(asked).toHaveLength(1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !/status of 400/.test(e)));
});

test("a reload while the linked run streams reopens it paused, not running forever", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("1");
  await generate(page, "a green leaf");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  await page.getByRole("button", { name: "Compare with another profile" }).click();
  await page.getByLabel("Second profile").selectOption({ label: "Chat model" });
  // The linked run's first round streams slowly, so the reload lands in the middle of it.
  await throttle(page, 2_000);
  await page.getByRole("button", { name: "Run and compare" }).click();
  await expect(page).toHaveURL(/\/compare\?left=[0-9a-f-]{36}&right=[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Right: Chat model" }).getByRole("status")).toContainText("Running");
  await page.reload();
  await throttle(page, null);
  const right = page.getByRole("region", { name: "Right: Chat model" });
  await expect(right.getByRole("status")).toContainText("Paused (open in the studio to resume)");
  await expect(right).not.toContainText("failed");
});

test.describe("a profile whose server is down", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

  test("says so, and the other profiles still run", async ({ page }) => {
    await page.goto("/");
    const select = page.getByLabel("Profile", { exact: true });
    await expect(select.locator("option", { hasText: "Chat model" })).toHaveText("Chat model (server down)");
    await chooseProfile(page, "Chat model (server down)");
    await expect(engineStatus(page)).toContainText("Chat model: generator");
    await expect(engineStatus(page)).toContainText("unreachable");
    await chooseProfile(page, "IntroSVG");
    await expect(engineStatus(page)).not.toContainText("unreachable");
    await generate(page, "a blue square with a white cross");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  });

  test("InternSVG-8B with no IntroSVG critic configured is a single pass, and says so", async ({ page }) => {
    await page.goto("/");
    await chooseProfile(page, "InternSVG-8B");
    await expect(engineStatus(page)).toContainText("InternSVG-8B: generator fault-fixture-introsvg");
    await expect(engineStatus(page)).toContainText("no critic (a single pass)");
    await expect(page.getByText("No critic: a single pass, not scored.")).toBeVisible();
    await generate(page, "a blue square with a white cross");
    await expect(loopStatus(page)).toContainText("Done: a single pass of 1 round, not critiqued (this profile has no critic).", { timeout: 30_000 });
    await expect(round(page, 1).getByRole("region", { name: "Critique of round 1" })).toContainText(
      "Not critiqued: this profile has no critic (a single pass).",
    );
    await expect(round(page, 1).getByRole("img", { name: "What the critic saw for round 1" })).toBeVisible();
    await expect(round(page, 2)).toHaveCount(0);
  });
});

test.describe("the IntroSVG critic on a server of its own", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.split}` });

  test("a chat model writes on one server, IntroSVG judges on another", async ({ page }) => {
    await page.goto("/");
    await chooseProfile(page, "Chat model");
    await expect(engineStatus(page)).toContainText(
      `Chat model: generator fault-fixture-introsvg @ 127.0.0.1:${PORTS.fixture} · critic introsvg-builtin @ 127.0.0.1:${PORTS.engine}`,
    );
    await page.getByLabel("Max refinements").fill("0");
    await generate(page, "a blue square with a white cross");
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
    await expect(round(page, 1)).toContainText("written by fault-fixture-introsvg");
    await expect(round(page, 1)).toContainText("judged by introsvg-builtin");
    await expect(round(page, 1).getByLabel("Score")).toHaveText(/\d\.\d \/ 10/);
  });
});
