import { PORTS } from "../playwright.config";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";

// A studio whose upstream is the fault-injecting fixture (lmdeploy's dialect).
test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

const FIXTURE = `http://127.0.0.1:${PORTS.fixture}`;

test("a whole loop against an lmdeploy-dialect upstream streams, critiques and stops at the threshold", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status", { name: "Engine status" })).toContainText(`GPU server at 127.0.0.1:${PORTS.fixture}`);
  await expect(page.getByRole("status", { name: "Engine status" })).toContainText("fault-fixture-introsvg");
  await generate(page, "a blue square with a white cross");
  const first = round(page, 1);
  await expect(first).toBeVisible();
  await expect(first.getByLabel("Score")).toHaveText("9.7 / 10");
  await expect(first.getByRole("img", { name: /critic/ })).toBeVisible();
  await expect(first).toContainText("A clean blue square with a white cross");
  await expect(loopStatus(page)).toContainText("Done: round 1 reached 9.7");
  await expect(round(page, 2)).toHaveCount(0);
});

const faults: Array<{ fault: string; message: RegExp }> = [
  { fault: "http-400", message: /answered 400: The prompt is too long for this session/ },
  { fault: "proxy-10400", message: /could not take the request: No available worker/ },
  { fault: "proxy-10402", message: /error mid-stream: Failed to get response after a period of time \(error_code 10402\)/ },
  { fault: "midstream-error", message: /error mid-stream: CUDA out of memory/ },
  { fault: "drop", message: /connection to the inference server dropped mid-stream/ },
  { fault: "silent", message: /sent nothing for 3 s/ },
];

for (const { fault, message } of faults) {
  test(`upstream fault "${fault}" shows its message, keeps the page usable`, async ({ page }) => {
    await page.goto("/");
    await generate(page, `a blue square fault:${fault}`);
    const alert = round(page, 1).getByRole("alert");
    await expect(alert).toContainText(message);
    await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(loopStatus(page)).toContainText("A step failed in round 1");

    // The studio is still usable: a healthy prompt runs to the end.
    await generate(page, "a blue square with a white cross");
    await expect(round(page, 1).getByLabel("Score")).toHaveText("9.7 / 10");
    await expect(loopStatus(page)).toContainText("Done");
  });
}

test("length truncation is flagged and never passed on to the critic", async ({ page }) => {
  await page.goto("/");
  await generate(page, "a blue square fault:length");
  const first = round(page, 1);
  await expect(first.getByRole("alert")).toContainText('Truncated: the model hit its token limit (finish_reason "length")');
  await expect(first.getByText("Truncated", { exact: true })).toBeVisible();
  await expect(first.getByRole("img", { name: /critic/ })).toHaveCount(0);
});

test("an unparsable critique is a visible error with the raw text and a Retry", async ({ page }) => {
  await page.goto("/");
  await generate(page, "a blue square fault:critic-unparsable");
  const first = round(page, 1);
  await expect(first.getByRole("alert")).toContainText("Critique failed: The critique has no JSON object in it.");
  await expect(first.getByRole("img", { name: /critic/ })).toBeVisible();
  await first.getByText("Raw critic output").click();
  await expect(first.getByRole("alert")).toContainText("I would give it a good score overall");
  await expect(first.getByRole("button", { name: "Retry" })).toBeVisible();
});

test("a numeric-string score is accepted", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Max refinements").fill("0");
  await generate(page, "a blue square fault:critic-string-score");
  await expect(round(page, 1).getByLabel("Score")).toHaveText("7.5 / 10");
  await expect(loopStatus(page)).toContainText("Done after 1 round");
});

test("Stop aborts the request all the way to the upstream", async ({ page, request }) => {
  await page.goto("/");
  await generate(page, "a blue square fault:slow");
  const code = round(page, 1).getByLabel("SVG code of round 1");
  await expect(code).toContainText("<svg");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(loopStatus(page)).toContainText("Stopped");
  await expect(round(page, 1).getByRole("alert")).toContainText("Stopped");
  await expect
    .poll(async () => {
      const { events } = (await (await request.get(`${FIXTURE}/__events`)).json()) as { events: Array<{ kind: string; fault: string }> };
      return events.some((e) => e.kind === "closed-early" && e.fault === "slow");
    })
    .toBe(true);
});

test.describe("an upstream that is down", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.down}` });

  test("says so in the status line and in the round, with a way to retry", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("status", { name: "Engine status" })).toContainText("unreachable");
    await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
    await generate(page, "a blue square");
    await expect(round(page, 1).getByRole("alert")).toContainText("Cannot reach the inference server");
    await expect(round(page, 1).getByRole("button", { name: "Retry" })).toBeVisible();
  });
});

test("hostile SVG is shown without running its script or loading anything", async ({ page, request }) => {
  await page.goto("/");
  await generate(page, "a blue square fault:hostile");
  const first = round(page, 1);
  await expect(first.getByLabel("Score")).toHaveText("9.7 / 10");
  await expect(first.getByRole("img", { name: /critic/ })).toBeVisible();
  await expect(first.getByRole("img", { name: "Live preview of round 1" })).toBeVisible();
  // The page never holds the SVG as live DOM: no <script> or <image> from it in the document.
  await expect(page.locator("svg script, svg image, svg foreignObject")).toHaveCount(0);
  const { events } = (await (await request.get(`${FIXTURE}/__events`)).json()) as { events: Array<{ kind: string }> };
  expect(events.filter((e) => e.kind === "fetched")).toEqual([]);
});
