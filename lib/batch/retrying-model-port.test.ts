/** Per-step retries of transient upstream faults, with backoff and jitter, a bounded number of times. */
import { describe, expect, it } from "vitest";
import type { ModelPort, StepResult } from "../loop/loop-ports";
import { META } from "../../test/support/loop-builders";
import { backoffDelay, withRetries } from "./retrying-model-port";

const ok: StepResult = { ok: true, meta: META };
const fail = (code: string, transient: boolean): StepResult =>
  ({ ok: false, error: { code, message: `${code} happened`, transient } }) as unknown as StepResult;

/** A model whose generate answers with the scripted results in turn, streaming "try N" first. */
function scripted(results: StepResult[]): { port: ModelPort; calls: () => number } {
  let calls = 0;
  const generate: ModelPort["generate"] = async (_input, { onDelta }) => {
    calls += 1;
    onDelta(`try ${calls} `);
    onDelta("text");
    return results[Math.min(calls, results.length) - 1];
  };
  return { port: { generate, refine: generate, critique: generate }, calls: () => calls };
}

function run(port: ModelPort, options: Parameters<typeof withRetries>[1] = {}) {
  const delays: number[] = [];
  const text: string[] = [];
  const retrying = withRetries(port, { random: () => 0.5, sleep: async (ms) => void delays.push(ms), ...options });
  const result = retrying.generate({ prompt: "p" }, { onDelta: (t) => text.push(t) }, new AbortController().signal);
  return { result, delays, text };
}

describe("withRetries", () => {
  it("retries transient failures with growing delays and keeps only the successful attempt's text", async () => {
    const model = scripted([fail("upstream:http", true), fail("upstream:dropped", true), ok]);
    const { result, delays, text } = run(model.port, { baseDelayMs: 100, maxDelayMs: 10_000 });
    expect(await result).toEqual(ok);
    expect(model.calls()).toBe(3);
    // Equal jitter at random 0.5: 3/4 of 100, then of 200.
    expect(delays).toEqual([75, 150]);
    expect(text).toEqual(["try 3 text"]);
  });

  it("returns a failure that is not transient at once, with its text", async () => {
    const model = scripted([fail("upstream:http", false), ok]);
    const { result, delays, text } = run(model.port);
    expect(await result).toMatchObject({ ok: false, error: { code: "upstream:http" } });
    expect(model.calls()).toBe(1);
    expect(delays).toEqual([]);
    expect(text).toEqual(["try 1 text"]);
  });

  it("gives up after the attempts allowed, with the last error", async () => {
    const model = scripted([fail("upstream:timeout", true)]);
    const { result, delays } = run(model.port, { attempts: 4 });
    expect(await result).toMatchObject({ ok: false, error: { code: "upstream:timeout" } });
    expect(model.calls()).toBe(4);
    expect(delays).toHaveLength(3);
  });

  it("tells of each retry", async () => {
    const seen: string[] = [];
    const model = scripted([fail("upstream:http", true), ok]);
    await run(model.port, { onRetry: ({ role, attempt, attempts, error }) => seen.push(`${role} ${attempt}/${attempts} ${error.code}`) }).result;
    expect(seen).toEqual(["generate 1/5 upstream:http"]);
  });

  it("an abort during the wait rejects with an AbortError and asks no more", async () => {
    const model = scripted([fail("upstream:http", true), ok]);
    const controller = new AbortController();
    const retrying = withRetries(model.port, { baseDelayMs: 60_000 });
    const result = retrying.generate({ prompt: "p" }, { onDelta: () => {} }, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(result).rejects.toMatchObject({ name: "AbortError" });
    expect(model.calls()).toBe(1);
  });

  it("backs off exponentially between half and all of each step, up to the cap", () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, o, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, o, () => 0.999999))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});
