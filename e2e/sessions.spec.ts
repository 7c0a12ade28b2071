import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { PORTS } from "../playwright.config";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";
import { throttle } from "./fixtures/throttle";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

test.describe("sessions API", () => {
  test("bad ids, unknown ids and bad bodies get clear errors", async ({ request }) => {
    const expectError = async (response: Awaited<ReturnType<typeof request.get>>, status: number, message: RegExp) => {
      expect(response.status()).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await expectError(await request.get("/api/sessions/not-an-id"), 400, /not a session id/);
    await expectError(await request.get(`/api/sessions/${UNKNOWN}`), 404, /No session/);
    await expectError(await request.delete(`/api/sessions/${UNKNOWN}`), 404, /No session/);
    await expectError(await request.patch(`/api/sessions/${UNKNOWN}`, { data: { title: "x" } }), 404, /No session/);
    await expectError(await request.post("/api/sessions", { data: { prompt: "" } }), 400, /prompt/);
    await expectError(await request.post("/api/sessions/import", { data: { format: "something-else" } }), 400, /format/);

    const created = await request.post("/api/sessions", {
      data: { prompt: "an API test", settings: { mode: "paper", maxRefinements: 3, threshold: 9.5 } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await expectError(await request.patch(`/api/sessions/${id}`, { data: { title: "" } }), 400, /title must not be empty/);
    await expectError(await request.put(`/api/sessions/${id}/rounds/1`, { data: { index: 1 } }), 400, /./);
    await expectError(await request.put(`/api/sessions/${id}/rounds/zero`, { data: {} }), 400, /not a round index/);
    await expectError(await request.post(`/api/sessions/${id}/fork`, { data: { roundIndex: 3 } }), 404, /No round 3/);
    await expectError(await request.get(`/api/sessions/${id}/export?format=tar`), 400, /json or zip/);
    expect((await request.delete(`/api/sessions/${id}`)).status()).toBe(204);
  });

  test("the history comes a page at a time, with small cacheable thumbnails", async ({ request }) => {
    const settings = { mode: "paper", maxRefinements: 3, threshold: 9.5 };
    const tag = `paging-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await request.post("/api/sessions", { data: { prompt: `${tag} kite ${i}`, settings } });
      ids.push(((await created.json()) as { id: string }).id);
    }
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path d="M0 0h10v10z"/></svg>';
    const saved = await request.put(`/api/sessions/${ids[0]}/rounds/1`, {
      data: {
        id: "round-1",
        index: 1,
        kind: "draft",
        sourceIndex: null,
        phase: "done",
        modelText: svg,
        svg,
        truncated: null,
        generation: null,
        png,
        critiqueText: "",
        critique: { score: 8, critique: "ok", suggestions: "1. none" },
        finalCritique: false,
        critiqueMeta: null,
        error: null,
        stoppedStep: null,
      },
    });
    expect(saved.status()).toBe(204);

    const page = (await (await request.get(`/api/sessions?q=${tag}`)).json()) as {
      sessions: { id: string; thumbnailUrl: string | null }[];
      nextCursor: string | null;
    };
    expect(page.sessions.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(page.nextCursor).toBeNull();
    const withThumbnail = page.sessions.find((s) => s.id === ids[0]);
    expect(withThumbnail?.thumbnailUrl).toMatch(new RegExp(`^/api/sessions/${ids[0]}/thumbnail\\?v=`));
    expect(page.sessions.filter((s) => s.id !== ids[0]).every((s) => s.thumbnailUrl === null)).toBe(true);

    const thumbnail = await request.get(withThumbnail!.thumbnailUrl!);
    expect(thumbnail.status()).toBe(200);
    expect(thumbnail.headers()["content-type"]).toBe("image/png");
    expect(thumbnail.headers()["cache-control"]).toContain("immutable");
    expect((await thumbnail.body()).subarray(1, 4).toString()).toBe("PNG");
    expect((await request.get(`/api/sessions?after=not-a-cursor`)).status()).toBe(400);
    for (const id of ids) await request.delete(`/api/sessions/${id}`);
  });
});

test("a loop survives a reload, reopens from history and resumes", async ({ page }) => {
  await page.goto("/");
  // The first round streams slowly (its download throttled), so Pause lands before the end.
  await throttle(page, 2_000);
  await generate(page, "a key icon with a green circle in the middle");
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Pause" }).click();
  await throttle(page, null);
  await expect(loopStatus(page)).toContainText("Paused");
  await expect(page.getByRole("status", { name: "Save status" })).toHaveText("Saved");
  const rounds = await page.getByRole("article", { name: /^Round \d+/ }).count();
  const sessionUrl = page.url();

  await page.reload();
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(rounds);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a key icon with a green circle in the middle");
  await expect(loopStatus(page)).toContainText("Paused");

  // Reopen from the history sidebar after starting somewhere else.
  await page.goto("/");
  const history = page.getByRole("complementary", { name: "History" });
  await history.getByLabel("Search sessions").fill("green circle");
  await history
    .getByRole("link", { name: /a key icon with a green circle/ })
    .first()
    .click();
  await expect(page).toHaveURL(sessionUrl);
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(rounds);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  // Resume finishes the round Pause cut short (in place, when its code was complete) and goes on
  // from there, so no round is lost and the last one ends with a critic's score.
  const after = page.getByRole("article", { name: /^Round \d+/ });
  expect(await after.count()).toBeGreaterThanOrEqual(rounds);
  await expect(after.last()).toHaveAccessibleName(/score \d+\.\d/);
  await expect(after.last().getByRole("alert")).toHaveCount(0);

  await page.reload();
  await expect(loopStatus(page)).toContainText("Done");
  await expect(page.getByRole("region", { name: "Result" })).toContainText("Best round");
});

test("a reload in the middle of a running loop keeps the completed rounds and can resume", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Mode").selectOption("reference");
  await generate(page, "a hamburger with cheese and lettuce on it");
  await expect(round(page, 2)).toBeVisible({ timeout: 20_000 });
  const firstScore = await round(page, 1).getByLabel("Score").textContent();
  await page.reload();
  await expect(round(page, 1).getByLabel("Score")).toHaveText(firstScore ?? "");
  await expect(loopStatus(page)).toContainText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(loopStatus(page)).toContainText("Done after 4 rounds", { timeout: 30_000 });
});

test("rename, search, fork from a round, delete with confirmation", async ({ page }) => {
  await page.goto("/");
  await generate(page, "a blue line icon of a forklift");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const history = page.getByRole("complementary", { name: "History" });
  const item = history.getByRole("listitem").filter({ hasText: "a blue line icon of a forklift" }).first();
  await item.getByRole("button", { name: /^Rename/ }).click();
  await history.getByLabel("New name").fill("Forklift study");
  await history.getByLabel("New name").press("Enter");
  await expect(history.getByRole("link", { name: /Forklift study/ })).toBeVisible();
  await history.getByLabel("Search sessions").fill("forklift study");
  await expect(history.getByRole("list", { name: "Sessions" }).getByRole("link")).toHaveCount(1);
  await history.getByLabel("Search sessions").fill("");

  const original = page.url();
  await round(page, 1).getByRole("button", { name: "Fork from round 1" }).click();
  await expect(page).not.toHaveURL(original);
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(1);
  await expect(loopStatus(page)).toContainText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  await expect(round(page, 2)).toBeVisible();

  const forkItem = history.getByRole("listitem").filter({ hasText: "fork of round 1" }).first();
  await forkItem.getByRole("button", { name: /^Delete/ }).click();
  const confirm = page.getByRole("dialog", { name: "Delete session?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(history.getByRole("listitem").filter({ hasText: "fork of round 1" })).toHaveCount(1);
  await forkItem.getByRole("button", { name: /^Delete/ }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(history.getByRole("listitem").filter({ hasText: "fork of round 1" })).toHaveCount(0);
});

test("export as JSON and ZIP, import the JSON back", async ({ page }) => {
  await page.goto("/");
  await generate(page, "a hamburger with cheese and lettuce on it");
  await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });
  const rounds = await page.getByRole("article", { name: /^Round \d+/ }).count();

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export JSON" }).click()]);
  const exported = JSON.parse(await fs.promises.readFile(await json.path(), "utf8"));
  expect(exported).toMatchObject({ format: "introsvg-studio-session", version: 2, session: { prompt: "a hamburger with cheese and lettuce on it" } });
  expect(exported.rounds).toHaveLength(rounds);
  expect(exported.rounds[0].png).toMatch(/^data:image\/png;base64,/);

  const [zip] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export ZIP" }).click()]);
  const files = unzipSync(new Uint8Array(await fs.promises.readFile(await zip.path())));
  expect(Object.keys(files)).toContain("session.json");
  expect(Object.keys(files)).toContain("round-01-draft.svg");
  expect(strFromU8(files["round-01-draft.svg"])).toMatch(/^<svg/);
  expect(Array.from(files["round-01-critic.png"].subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);

  await page.goto("/");
  await page.getByLabel("Import session JSON").setInputFiles(await json.path());
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("article", { name: /^Round \d+/ })).toHaveCount(rounds);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a hamburger with cheese and lettuce on it");
});

test.describe("a server killed mid-loop", () => {
  const port = PORTS.restart;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-kill-"));
  let server: ChildProcess | null = null;

  const start = async () => {
    server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "studio.db")}`, ENGINE_TOKENS_PER_SECOND: "400", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    await expect
      .poll(
        async () =>
          fetch(`http://127.0.0.1:${port}/api/status`).then(
            (r) => r.ok,
            () => false,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
  };
  test.afterAll(() => {
    server?.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("keeps every completed round after kill -9 and a restart", async ({ page, consoleErrors }) => {
    await start();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByLabel("Mode").selectOption("reference");
    await generate(page, "a magnifying glass with a cross in the middle");
    await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
    const sessionUrl = page.url();
    // Round 3 starting means round 2 was stored: a round is saved before the next step begins.
    await expect(round(page, 3)).toBeVisible({ timeout: 40_000 });
    const scores = [await round(page, 1).getByLabel("Score").textContent(), await round(page, 2).getByLabel("Score").textContent()];
    server?.kill("SIGKILL");
    await expect(loopStatus(page)).toContainText("failed", { timeout: 20_000 });

    await start();
    await page.goto(sessionUrl);
    await expect(round(page, 1).getByLabel("Score")).toHaveText(scores[0] ?? "");
    await expect(round(page, 2).getByLabel("Score")).toHaveText(scores[1] ?? "");
    expect(scores[1]).toMatch(/\d\.\d \/ 10/);
    await expect(round(page, 1).getByRole("img", { name: /critic/ })).toBeVisible();
    // Chromium logs the requests that failed while the server was gone; nothing else may appear.
    const unrelated = consoleErrors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unrelated);
  });
});
