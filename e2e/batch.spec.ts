import { strFromU8, unzipSync } from "fflate";
import fs from "node:fs";
import { expect, test } from "./fixtures/studio-test";

/** A prompts CSV as a spreadsheet writes it: BOM, CRLF, a quoted desc with a comma. */
function csv(rows: Array<[string, string]>): Buffer {
  return Buffer.from("\uFEFFid,desc\r\n" + rows.map(([id, desc]) => `${id},"${desc}"`).join("\r\n") + "\r\n");
}

test.describe("batch runs page", () => {
  test("runs a CSV on the server, shows progress and items, opens one in the studio, downloads the results", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Batch runs" }).click();
    await expect(page).toHaveURL(/\/batch$/);
    await expect(page.getByRole("heading", { level: 1, name: "Batch runs" })).toBeVisible();

    const rows: Array<[string, string]> = [
      ["kite", "a red kite with a long tail"],
      ["umbrella", "a blue umbrella, open"],
      ["star", "a yellow star"],
      ["cup", "a coffee cup with steam"],
    ];
    await page.getByLabel("Prompts CSV").setInputFiles({ name: "icons.csv", mimeType: "text/csv", buffer: csv(rows) });
    await expect(page.getByText("icons.csv")).toBeVisible();
    await page.getByLabel("Concurrency").fill("2");
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page).toHaveURL(/\/batch\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();

    // The job runs on the server: leaving the page changes nothing.
    await page.goto("/");
    await page.goto(jobUrl);
    const progress = page.getByRole("progressbar", { name: "Batch progress" });
    await expect(progress).toHaveAttribute("aria-valuemax", "4");
    await expect(progress).toHaveAttribute("aria-valuenow", "4", { timeout: 45_000 });
    await expect(page.getByRole("status", { name: "Batch status" })).toHaveText("Done");

    for (const [id] of rows) {
      const item = page.getByRole("article", { name: `Item ${id}` });
      await expect(item).toContainText(/\d\.\d \/ 10/);
      await expect(item.getByRole("img", { name: `Best round of ${id}` })).toBeVisible();
      await expect(item.getByRole("link", { name: "Open in studio" })).toBeVisible();
    }
    await expect(page.getByRole("img", { name: /^Mean score by round: round 1: / })).toBeVisible();
    await expect(page.getByText("Render success rate")).toBeVisible();

    // Sort by score, then only the failed ones (none).
    await page.getByLabel("Sort by").selectOption("score");
    await expect(page.getByRole("article", { name: /^Item / })).toHaveCount(4);
    await page.getByLabel("Failed only").check();
    await expect(page.getByText("No failed items.")).toBeVisible();
    await page.getByLabel("Failed only").uncheck();

    // The results ZIP in IntroSVG's layout.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download results" }).click()]);
    expect(download.suggestedFilename()).toBe("icons-results.zip");
    const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    const names = Object.keys(files);
    for (const [id] of rows) {
      for (const file of [
        `final_svgs/${id}.svg`,
        `final_svgs/${id}.json`,
        `final_pngs/${id}.png`,
        `intermediate_files/00_initial_drafts/${id}.svg`,
        `items/${id}.json`,
      ]) {
        expect(names, file).toContain(file);
      }
      const critique = JSON.parse(strFromU8(files[`final_svgs/${id}.json`])) as { score: number; round: number };
      expect(critique.score).toBeGreaterThan(0);
      expect(critique.round).toBeGreaterThanOrEqual(1);
      expect(strFromU8(files[`final_svgs/${id}.svg`])).toMatch(/^<svg/);
    }
    expect(names.filter((n) => /^intermediate_files\/\d\d_iteration\/(critique_pngs|refined_svgs)\/[a-z]+\.(png|svg)$/.test(n)).length).toBeGreaterThan(0);
    expect(JSON.parse(strFromU8(files["report.json"]))).toMatchObject({ summary: { items: 4, done: 4 } });

    // IntroSVG training files from the same rounds (LLaMA-Factory's dataset folder, zipped).
    const [training] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download training data" }).click()]);
    expect(training.suggestedFilename()).toBe("icons-training-data.zip");
    const data = unzipSync(new Uint8Array(fs.readFileSync(await training.path())));
    const critic = JSON.parse(strFromU8(data["critic.json"])) as Array<{ messages: Array<{ content: string; role: string }>; images: string[] }>;
    expect(critic.length).toBeGreaterThanOrEqual(rows.length);
    for (const record of critic) {
      expect(record.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
      expect(record.messages[0].content).toContain("<image>");
      expect(Object.keys(data), record.images[0]).toContain(record.images[0]);
    }
    for (const name of ["train_direct.json", "refine.json", "dpo.json"]) expect(Array.isArray(JSON.parse(strFromU8(data[name])))).toBe(true);
    expect(JSON.parse(strFromU8(data["dataset_info.json"]))).toHaveProperty("introsvg_critic.file_name", "critic.json");

    // An item is a session: it opens in the studio with its rounds.
    await page.getByRole("article", { name: "Item umbrella" }).getByRole("link", { name: "Open in studio" }).click();
    await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a blue umbrella, open");
    await expect(page.getByRole("article", { name: /^Round 1\b/ })).toBeVisible();

    // Earlier runs are listed and reopen.
    await page.goto("/batch");
    await page
      .getByRole("list", { name: "Batch runs" })
      .getByRole("link", { name: /icons\.csv/ })
      .first()
      .click();
    await expect(page).toHaveURL(jobUrl);
  });

  test("a batch that does not exist says so once, with the way back and no pointless Try again", async ({ page, consoleErrors }) => {
    await page.goto("/batch/00000000-0000-4000-8000-000000000000");
    const alert = page.getByRole("alert").filter({ hasText: "Could not load this batch" });
    await expect(alert).toContainText(/^Could not load this batch: No batch job 00000000-0000-4000-8000-000000000000\.Back to batch runs$/);
    await expect(alert.getByRole("button", { name: "Try again" })).toHaveCount(0);
    await alert.getByRole("link", { name: "Back to batch runs" }).click();
    await expect(page).toHaveURL(/\/batch$/);
    const unrelated = consoleErrors.filter((e) => !/status of 404/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unrelated);
  });

  test("a bad CSV says which line is wrong, with a way out", async ({ page, consoleErrors }) => {
    await page.goto("/batch");
    // No file yet: said plainly, without telling the user to fix a file they have not chosen.
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page.getByRole("form", { name: "New batch" }).getByRole("alert")).toHaveText("Choose a prompts CSV first.");
    // Checked as it is chosen, by the job's own parser: said at once, and Start waits for a fix.
    await page.getByLabel("Prompts CSV").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from("id,desc\na,a kite\nb,\n") });
    const alert = page.getByRole("form", { name: "New batch" }).getByRole("alert");
    await expect(alert).toContainText("broken.csv: line 3: desc is empty");
    await expect(alert).toContainText("Fix the file and choose it again");
    await expect(page.getByRole("button", { name: "Start batch" })).toBeDisabled();
    await expect(page).toHaveURL(/\/batch$/);

    // The server still says the same of a file sent anyway (the API is not the page's to trust).
    const refused = await page.request.post("/api/batch/jobs", {
      data: { name: "broken.csv", csv: "id,desc\na,a kite\nb,\n", settings: { mode: "paper", maxRefinements: 1, threshold: 9 }, concurrency: 1 },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("broken.csv: line 3: desc is empty");
    expect(consoleErrors).toEqual([]);
  });

  test("Cancel stops a job and Resume finishes it", async ({ page }) => {
    await page.goto("/batch");
    const rows = Array.from({ length: 6 }, (_, i): [string, string] => [`c${i + 1}`, `a green leaf number ${i + 1}`]);
    await page.getByLabel("Prompts CSV").setInputFiles({ name: "cancel.csv", mimeType: "text/csv", buffer: csv(rows) });
    await page.getByLabel("Concurrency").fill("1");
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page).toHaveURL(/\/batch\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("status", { name: "Batch status" })).toHaveText("Cancelled");
    const progress = page.getByRole("progressbar", { name: "Batch progress" });
    const stoppedAt = Number(await progress.getAttribute("aria-valuenow"));
    expect(stoppedAt).toBeLessThan(6);
    await page.getByRole("button", { name: "Resume" }).click();
    await expect(progress).toHaveAttribute("aria-valuenow", "6", { timeout: 45_000 });
    await expect(page.getByRole("status", { name: "Batch status" })).toHaveText("Done");
  });
});
