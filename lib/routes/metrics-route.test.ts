/**
 * GET /metrics: Prometheus' text format with the studio's own series, fed by real steps against
 * the paced fixture upstream over loopback (queued and in-flight lanes while they run, latency
 * and TTFT histograms once they end, batch items), and behind the access token when one is set.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startPacedUpstream, type PacedUpstream } from "../../test/support/paced-upstream";
import { metricsSink } from "../telemetry/metrics-sink";
import { readInferenceConfig } from "../steps/config";
import { createNodeModelPort } from "../steps/node-model-port";
import { upstreamLimiter } from "../steps/upstream-limiter";
import { clearModelCache } from "../steps/upstream-models";
import { guarded } from "./access-route";
import { metricsRoute } from "./metrics-route";

const TOKEN = "a-long-random-studio-token";
const route = guarded(metricsRoute);
const get = (headers: Record<string, string> = {}) =>
  route(new Request("http://127.0.0.1:3000/metrics", { headers: { host: "127.0.0.1:3000", ...headers } }), {});

/** The value of one sample line, e.g. `introsvg_upstream_requests_queued{upstream="default",priority="interactive"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

let upstream: PacedUpstream | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await upstream?.close();
  upstream = null;
  upstreamLimiter().configure({ limit: 32, interactiveReserve: 4 });
});

describe("GET /metrics", () => {
  it("serves the text format, with Node's event-loop delay", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE nodejs_eventloop_lag_p99_seconds gauge");
    expect(text).toContain("# TYPE introsvg_step_duration_seconds histogram");
    expect(text).toContain("# TYPE introsvg_step_ttft_seconds histogram");
    expect(text).toContain("# TYPE introsvg_batch_items_total counter");
    expect(text).toContain("# TYPE introsvg_upstream_requests_in_flight gauge");
  });

  it("counts steps queued and in flight per upstream and priority while they run, then their latency and TTFT", async () => {
    clearModelCache();
    await get(); // the registry observes from here on
    upstream = await startPacedUpstream({ ttftMs: 150, chunkMs: 5, chunkChars: 50 });
    upstreamLimiter().configure({ limit: 1, interactiveReserve: 0 });
    const port = createNodeModelPort(readInferenceConfig({ INFERENCE_BASE_URL: upstream.baseURL }));
    const signal = new AbortController().signal;
    const lane = 'upstream="default",priority="interactive"';
    const before = await (await get()).text();
    const countBefore = sample(before, `introsvg_step_duration_seconds_count{role="generate",priority="interactive",outcome="ok"}`) ?? 0;
    const ttftBefore = sample(before, `introsvg_step_ttft_seconds_count{role="generate",priority="interactive"}`) ?? 0;

    const steps = [0, 1, 2].map((i) => port.generate({ prompt: `a red kite ${i}` }, { onDelta: () => {} }, signal));
    await vi.waitFor(() => expect(upstream!.requests().length).toBe(1), { timeout: 10_000 });
    const during = await (await get()).text();
    expect(sample(during, `introsvg_upstream_requests_in_flight{${lane}}`)).toBe(1);
    expect(sample(during, `introsvg_upstream_requests_queued{${lane}}`)).toBe(2);

    expect((await Promise.all(steps)).every((r) => r.ok)).toBe(true);
    const after = await (await get()).text();
    expect(sample(after, `introsvg_upstream_requests_in_flight{${lane}}`)).toBe(0);
    expect(sample(after, `introsvg_upstream_requests_queued{${lane}}`)).toBe(0);
    expect(sample(after, `introsvg_step_duration_seconds_count{role="generate",priority="interactive",outcome="ok"}`)).toBe(countBefore + 3);
    expect(sample(after, `introsvg_step_ttft_seconds_count{role="generate",priority="interactive"}`)).toBe(ttftBefore + 3);
    // Each waited ≥ 150 ms for its first token: none falls in the 0.1 s bucket.
    expect(sample(after, `introsvg_step_ttft_seconds_bucket{le="0.1",role="generate",priority="interactive"}`) ?? 0).toBe(0);
    expect(sample(after, `introsvg_step_ttft_seconds_bucket{le="+Inf",role="generate",priority="interactive"}`)).toBe(ttftBefore + 3);
  });

  it("counts batch items by outcome", async () => {
    await get();
    const before = sample(await (await get()).text(), 'introsvg_batch_items_total{outcome="failed"}') ?? 0;
    metricsSink.batchItemEnded("failed");
    metricsSink.batchItemEnded("done");
    const text = await (await get()).text();
    expect(sample(text, 'introsvg_batch_items_total{outcome="failed"}')).toBe(before + 1);
    expect(sample(text, 'introsvg_batch_items_total{outcome="done"}')).toBeGreaterThanOrEqual(1);
  });

  it("asks for the access token when one is set: 401 with a Bearer challenge, then 200 with it", async () => {
    vi.stubEnv("STUDIO_ACCESS_TOKEN", TOKEN);
    const refused = await get();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(refused.headers.get("location")).toBeNull();
    expect(await refused.text()).not.toContain("introsvg_");
    expect((await get({ authorization: "Bearer wrong-token" })).status).toBe(401);
    const allowed = await get({ authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("introsvg_step_duration_seconds");
  });
});
