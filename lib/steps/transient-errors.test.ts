/**
 * Which upstream failures are worth trying again (batch runs retry those): checked over real
 * HTTP against the fault-injecting upstream the e2e suite uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultUpstream } from "../../e2e/fixtures/fault-upstream";
import { readInferenceConfig } from "./config";
import { isTransientStepError, runStep } from "./run-step";

describe("transient upstream failures", () => {
  let upstream: Awaited<ReturnType<typeof startFaultUpstream>>;
  beforeAll(async () => {
    upstream = await startFaultUpstream();
  });
  afterAll(() => upstream.close());

  const step = (prompt: string, base = upstream.baseURL) =>
    runStep(
      readInferenceConfig({ INFERENCE_BASE_URL: base, INFERENCE_TIMEOUT_MS: "3000", INFERENCE_MODEL: "fault-fixture-introsvg" }),
      { role: "generate", prompt },
      { onDelta: () => {} },
      new AbortController().signal,
    );

  it.each([
    ["fault:http-500", "upstream:http", true],
    ["fault:proxy-10400", "upstream:http", true],
    ["fault:proxy-10402", "upstream:stream", true],
    ["fault:drop", "upstream:dropped", true],
    ["fault:http-400", "upstream:http", false],
    ["fault:midstream-error", "upstream:stream", false],
  ])("%s fails as %s, transient: %s", async (marker, code, transient) => {
    const result = await step(`a kite ${marker}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(isTransientStepError(result.error)).toBe(transient);
  });

  it("a refused connection is transient", async () => {
    const result = await step("a kite", "http://127.0.0.1:9/v1");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("upstream:unreachable");
      expect(isTransientStepError(result.error)).toBe(true);
    }
  });
});
