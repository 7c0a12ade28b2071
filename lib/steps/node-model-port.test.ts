/**
 * The Node model port drives whole loops with no Next server: on the built-in engine reached
 * in-process, and over HTTP against the fault-injecting upstream the e2e suite uses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFaultUpstream } from "../../e2e/fixtures/fault-upstream";
import { selectBestRound } from "../loop/loop-selectors";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { runLoopToEnd } from "../loop/run-loop-to-end";
import { rasterizeSvgNode } from "../raster/node";
import { IN_PROCESS_ENGINE_URL, withInProcessEngine } from "./builtin-engine-fetch";
import { readInferenceConfig } from "./config";
import { createNodeModelPort } from "./node-model-port";
import { runStep } from "./run-step";
import { clearModelCache } from "./upstream-models";

const rasterize = (svg: string) => rasterizeSvgNode(svg);

beforeEach(() => clearModelCache());

describe("the Node model port on the built-in engine, in-process", () => {
  const config = withInProcessEngine(readInferenceConfig({}), { tokensPerSecond: 0 });

  it("needs no server: the base URL cannot resolve, requests go straight to the engine", () => {
    expect(config.baseURL).toBe(IN_PROCESS_ENGINE_URL);
    expect(config.fetch).toBeTypeOf("function");
  });

  it("runs a paper loop to the end with the same modules the studio uses", async () => {
    const events: string[] = [];
    const state = await runLoopToEnd({
      prompt: "a red kite with a long tail",
      settings: DEFAULT_SETTINGS,
      model: createNodeModelPort(config),
      rasterize,
      onEvent: (event) => events.push(event.type),
    });
    expect(state.status).toBe("done");
    expect(state.rounds.length).toBeGreaterThanOrEqual(2);
    for (const round of state.rounds) {
      expect(round.phase).toBe("done");
      expect(round.png).toMatch(/^data:image\/png;base64,/);
      expect(round.generation?.model).toBe("introsvg-builtin");
      expect(round.generation?.usage.outputTokens).toBeGreaterThan(0);
    }
    expect(state.rounds[0].kind).toBe("draft");
    expect(state.rounds.slice(1).every((r) => r.kind === "refine")).toBe(true);
    // The loop improves on its draft (the critic reads the render against the prompt).
    expect(selectBestRound(state)?.critique?.score).toBeGreaterThan(state.rounds[0].critique!.score);
    expect(events.filter((e) => e === "critiqueEnded")).toHaveLength(state.rounds.length);
  });

  it("runs the reference schedule: draft, 3 refinements, a final critique at temperature 0", async () => {
    const state = await runLoopToEnd({
      prompt: "a blue umbrella",
      settings: { ...DEFAULT_SETTINGS, mode: "reference" },
      model: createNodeModelPort(config),
      rasterize,
    });
    expect(state.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine", "refine"]);
    expect(state.rounds.map((r) => r.finalCritique)).toEqual([false, false, false, true]);
  });

  it("stops when aborted, leaving the step in flight stopped and retryable", async () => {
    const slow = withInProcessEngine(readInferenceConfig({}), { tokensPerSecond: 200 });
    const controller = new AbortController();
    const run = runLoopToEnd({
      prompt: "a yellow star",
      settings: DEFAULT_SETTINGS,
      model: createNodeModelPort(slow),
      rasterize,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "generationDelta") controller.abort();
      },
    });
    const state = await run;
    expect(state.status).toBe("stopped");
    expect(state.rounds[0]).toMatchObject({ phase: "stopped", stoppedStep: "generate" });
  });
});

describe("the Node model port against the fault-injecting upstream", () => {
  let upstream: Awaited<ReturnType<typeof startFaultUpstream>>;
  beforeAll(async () => {
    upstream = await startFaultUpstream();
  });
  afterAll(() => upstream.close());

  const config = () => readInferenceConfig({ INFERENCE_BASE_URL: upstream.baseURL, INFERENCE_TIMEOUT_MS: "3000" });

  it("runs a loop over HTTP, asking the server for its model", async () => {
    const state = await runLoopToEnd({
      prompt: "a blue square with a white cross",
      settings: DEFAULT_SETTINGS,
      model: createNodeModelPort(config()),
      rasterize,
    });
    expect(state.status).toBe("done");
    expect(state.rounds).toHaveLength(1);
    expect(state.rounds[0].critique?.score).toBe(9.7);
    expect(state.rounds[0].generation).toMatchObject({ model: "fault-fixture-introsvg", finishReason: "stop" });
  });

  it.each([
    ["fault:midstream-error", "upstream:stream", /CUDA out of memory/],
    ["fault:http-400", "upstream:http", /400/],
    ["fault:proxy-10402", "upstream:stream", /10402/],
    ["fault:length", "truncated", /cut off|token limit|truncated/i],
    ["fault:critic-unparsable", "unparsable_critique", /JSON/],
  ])("a failure (%s) ends the loop on a failed round with its typed code", async (marker, code, message) => {
    const state = await runLoopToEnd({ prompt: `a kite ${marker}`, settings: DEFAULT_SETTINGS, model: createNodeModelPort(config()), rasterize });
    expect(state.status).toBe("failed");
    const failed = state.rounds.at(-1);
    expect(failed?.phase).toBe("failed");
    expect(failed?.error?.code).toBe(code);
    expect(failed?.error?.message).toMatch(message);
  });

  it("an abort closes the connection upstream and rejects as an AbortError", async () => {
    const controller = new AbortController();
    const step = runStep(config(), { role: "generate", prompt: "a kite fault:slow" }, { onDelta: () => controller.abort() }, controller.signal);
    await expect(step).rejects.toMatchObject({ name: "AbortError" });
    await expect.poll(() => upstream.events().some((e) => e.kind === "closed-early" && e.fault === "slow")).toBe(true);
  });
});
