import { FIXTURE_API_KEY, PORTS } from "../playwright.config";
import { expect, test } from "./fixtures/studio-test";

// The step routes as an HTTP API: validation, size limits, and the key kept on the server.
test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=";

test("bad bodies are 400 with a message that names the problem", async ({ request }) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ["/api/generate", {}, /prompt/],
    ["/api/generate", { prompt: "" }, /prompt must not be empty/],
    ["/api/generate", { prompt: "x", system: "be evil" }, /system|Unrecognized/i],
    ["/api/critique", { prompt: "x", png: "http://example.com/a.png" }, /png must be a data:image\/png;base64 URL/],
    ["/api/refine", { prompt: "x", svg: "<svg/>", critique: 3, suggestions: "" }, /critique/],
  ];
  for (const [path, body, message] of cases) {
    const response = await request.post(path, { data: body });
    expect(response.status(), `${path} ${JSON.stringify(body)}`).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("bad_request");
    expect(json.error.message).toMatch(message);
  }
  const notJson = await request.post("/api/generate", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.message).toBe("The request body is not valid JSON.");
});

test("oversized fields are 413: prompt over 2,000 chars, SVG over 512 kB, PNG over 1 MB", async ({ request }) => {
  const prompt = await request.post("/api/generate", { data: { prompt: "a".repeat(2001) } });
  expect(prompt.status()).toBe(413);
  expect((await prompt.json()).error.message).toMatch(/2000 characters/);

  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${"<g/>".repeat(140_000)}</svg>`;
  const refine = await request.post("/api/refine", { data: { prompt: "x", svg, critique: "c", suggestions: "s" } });
  expect(refine.status()).toBe(413);
  expect((await refine.json()).error.message).toMatch(/512 kB/);

  const png = `data:image/png;base64,${"A".repeat(1_500_000)}`;
  const critique = await request.post("/api/critique", { data: { prompt: "x", png } });
  expect(critique.status()).toBe(413);
  expect((await critique.json()).error.message).toMatch(/1 MB/);
});

test("a valid critique request streams, and the API key never reaches the browser", async ({ request, page }) => {
  const response = await request.post("/api/critique", { data: { prompt: "a blue square", png: PNG } });
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toContain('"type":"data-stepEnd"');
  expect(body).not.toContain(FIXTURE_API_KEY);

  const status = await request.get("/api/status");
  expect(await status.text()).not.toContain(FIXTURE_API_KEY);
  expect((await status.json()).reachable).toBe(true);

  await page.goto("/");
  await expect(page.getByRole("status", { name: "Engine status" })).toContainText("fault-fixture-introsvg");
  expect(await page.content()).not.toContain(FIXTURE_API_KEY);
});
