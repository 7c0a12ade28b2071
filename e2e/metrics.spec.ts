import { ACCESS_TOKEN, PORTS } from "../playwright.config";
import { expect, test } from "./fixtures/studio-test";

// GET /metrics in Prometheus' text format: live figures from the studio's own steps, and behind
// the access token on a shared studio (a 401 with a Bearer challenge, never the sign-in page).
const sample = (text: string, series: string): number | null => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
};

test("the metrics show a step the studio just ran, and the event loop's delay", async ({ request }) => {
  const series = 'introsvg_step_duration_seconds_count{role="generate",priority="interactive",outcome="ok"}';
  const before = await request.get("/metrics");
  expect(before.status()).toBe(200);
  expect(before.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const count = sample(await before.text(), series) ?? 0;

  const step = await request.post("/api/generate", { data: { prompt: "a red kite" } });
  expect(step.status()).toBe(200);
  expect(await step.text()).toContain("[DONE]");

  const after = await (await request.get("/metrics")).text();
  expect(sample(after, series)).toBe(count + 1);
  expect(sample(after, 'introsvg_step_ttft_seconds_count{role="generate",priority="interactive"}')).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'introsvg_upstream_requests_in_flight{upstream="default",priority="interactive"}')).toBe(0);
  expect(sample(after, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThan(0);
  expect(after).toContain("# TYPE introsvg_batch_items_total counter");
});

test("a shared studio's metrics ask for its token", async ({ playwright }) => {
  const shared = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${PORTS.token}` });
  const anonymous = await shared.get("/metrics", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(await anonymous.text()).not.toContain("introsvg_");
  expect((await shared.get("/metrics", { headers: { authorization: "Bearer not-the-token" } })).status()).toBe(401);
  const allowed = await shared.get("/metrics", { headers: { authorization: `Bearer ${ACCESS_TOKEN}` } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toContain("# TYPE introsvg_step_duration_seconds histogram");
  await shared.dispose();
});
