import type { ErrorInfo } from "../http/errors";
import { describe, expect, it } from "vitest";
import type { ModelPort, RasterizePort, StepHandlers, StepResult } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { selectBestRound } from "./loop-selectors";
import { runLoop } from "./run-loop";
import { META, svgOf } from "../../test/support/loop-builders";

const PROMPT = "a red kite with a long tail";
const PAPER: LoopSettings = { mode: "paper", maxRefinements: 3, threshold: 9.5 };
const REFERENCE: LoopSettings = { mode: "reference", maxRefinements: 3, threshold: 9.5 };

type GenerateInput = Parameters<ModelPort["generate"]>[0];
type RefineInput = Parameters<ModelPort["refine"]>[0];
type CritiqueInput = Parameters<ModelPort["critique"]>[0];

type ModelCall =
  | { kind: "generate"; input: GenerateInput; signal: AbortSignal }
  | { kind: "refine"; input: RefineInput; signal: AbortSignal }
  | { kind: "critique"; input: CritiqueInput; signal: AbortSignal };

/** What a fake model call does. */
type Reply =
  | { text: string; finishReason?: string }
  | { error: ErrorInfo }
  | { throws: Error }
  /** Streams `partial`, then waits until the signal aborts and rejects with an AbortError. */
  | { hang: true; partial?: string; onWaiting?: () => void };

function abortError(): Error {
  return Object.assign(new Error("The operation was aborted."), { name: "AbortError" });
}

function critiqueJson(n: number, score: number): string {
  return JSON.stringify({ score, critique: `critique of round ${n}`, suggestions: `1. Fix round ${n}.\n2. Keep the palette.` }, null, 2);
}

/** Splits a text into a few uneven chunks, as a stream would deliver it. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0, size = 1; i < text.length; i += size, size = ((size * 3) % 17) + 1) out.push(text.slice(i, i + size));
  return out;
}

class FakeModel implements ModelPort {
  readonly calls: ModelCall[] = [];
  constructor(
    private readonly log: string[],
    private readonly script: (call: ModelCall, index: number) => Reply,
  ) {}

  generate(input: GenerateInput, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult> {
    return this.answer({ kind: "generate", input, signal }, handlers);
  }
  refine(input: RefineInput, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult> {
    return this.answer({ kind: "refine", input, signal }, handlers);
  }
  critique(input: CritiqueInput, handlers: StepHandlers, signal: AbortSignal): Promise<StepResult> {
    return this.answer({ kind: "critique", input, signal }, handlers);
  }

  private async answer(call: ModelCall, handlers: StepHandlers): Promise<StepResult> {
    this.calls.push(call);
    this.log.push(call.kind === "critique" && call.input.final ? "critique(final)" : call.kind);
    const reply = this.script(call, this.calls.length - 1);
    await Promise.resolve();
    if ("throws" in reply) throw reply.throws;
    if ("error" in reply) return { ok: false, error: reply.error };
    if ("hang" in reply) {
      if (reply.partial) handlers.onDelta(reply.partial);
      return new Promise<StepResult>((_, reject) => {
        if (call.signal.aborted) reject(abortError());
        call.signal.addEventListener("abort", () => reject(abortError()), { once: true });
        reply.onWaiting?.();
      });
    }
    for (const piece of chunks(reply.text)) {
      handlers.onDelta(piece);
      await Promise.resolve();
    }
    return { ok: true, meta: { ...META, finishReason: reply.finishReason ?? "stop" } };
  }
}

/**
 * A loop session driven like the studio store drives it: one reducer, one runLoop per run
 * with its own AbortController, the ports faked and every call logged.
 */
function session(settings: LoopSettings, script: (call: ModelCall, index: number) => Reply, rasterizeImpl?: RasterizePort) {
  const log: string[] = [];
  const model = new FakeModel(log, script);
  const rasterized: string[] = [];
  const pngs: string[] = [];
  let state: LoopState = INITIAL_LOOP_STATE;
  const events: LoopEvent[] = [];
  let controller = new AbortController();
  const dispatch = (event: LoopEvent) => {
    events.push(event);
    state = loopReducer(state, event);
  };
  const rasterize: RasterizePort = async (svg) => {
    log.push("rasterize");
    rasterized.push(svg);
    const png = rasterizeImpl ? await rasterizeImpl(svg) : `data:image/png;base64,${Buffer.from(`png#${rasterized.length}`).toString("base64")}`;
    pngs.push(png);
    return png;
  };
  const run = () => {
    controller = new AbortController();
    return runLoop({ getState: () => state, dispatch, model, rasterize, signal: controller.signal });
  };
  return {
    log,
    model,
    rasterized,
    pngs,
    events,
    get state() {
      return state;
    },
    dispatch,
    abort: () => controller.abort(),
    start: () => {
      dispatch({ type: "started", prompt: PROMPT, settings });
      return run();
    },
    run,
  };
}

/** Generations write the SVG of their round (1-based: the index of the generation call + 1). */
function scored(scores: number[], wrap = (svg: string) => svg) {
  let generations = 0;
  let critiques = 0;
  return (call: ModelCall): Reply => {
    if (call.kind === "critique") {
      critiques++;
      return { text: critiqueJson(critiques, scores[critiques - 1]) };
    }
    generations++;
    return { text: wrap(svgOf(generations)) };
  };
}

describe("runLoop in paper mode", () => {
  it("stops as soon as a critique reaches the threshold, passing each step the previous step's output", async () => {
    // Other models fence their SVG: what is passed on is the extracted SVG, not the raw text.
    const s = session(
      PAPER,
      scored([6, 9.6], (svg) => `Here you go:\n\`\`\`svg\n${svg}\n\`\`\``),
    );
    await s.start();

    expect(s.log).toEqual(["generate", "rasterize", "critique", "refine", "rasterize", "critique"]);
    expect(s.state.status).toBe("done");
    expect(s.state.rounds.map((r) => [r.kind, r.phase, r.critique?.score])).toEqual([
      ["draft", "done", 6],
      ["refine", "done", 9.6],
    ]);

    const [draft, critique1, refine, critique2] = s.model.calls;
    expect(draft).toMatchObject({ kind: "generate", input: { prompt: PROMPT } });
    expect(s.rasterized).toEqual([svgOf(1), svgOf(2)]);
    expect(critique1.input).toEqual({ prompt: PROMPT, png: s.pngs[0], final: false });
    expect(refine.input).toEqual({
      prompt: PROMPT,
      svg: svgOf(1),
      critique: "critique of round 1",
      suggestions: "1. Fix round 1.\n2. Keep the palette.",
    });
    expect(critique2.input).toEqual({ prompt: PROMPT, png: s.pngs[1], final: false });
    expect(s.pngs[0]).not.toBe(s.pngs[1]);
    // Every round shows the exact image the critic saw, and the raw streamed text.
    expect(s.state.rounds.map((r) => r.png)).toEqual(s.pngs);
    expect(s.state.rounds[0].modelText).toBe(`Here you go:\n\`\`\`svg\n${svgOf(1)}\n\`\`\``);
    expect(s.state.rounds[1].critiqueText).toBe(critiqueJson(2, 9.6));
    // The abort signal reaches every model call.
    for (const call of s.model.calls) expect(call.signal.aborted).toBe(false);
    expect(new Set(s.model.calls.map((c) => c.signal)).size).toBe(1);
  });

  it("stops at a score exactly equal to the threshold", async () => {
    const s = session(PAPER, scored([9.5]));
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize", "critique"]);
    expect(s.state.status).toBe("done");
  });

  it("stops after maxRefinements refinement rounds when the threshold is never reached", async () => {
    const s = session({ ...PAPER, maxRefinements: 2 }, scored([3, 4, 5, 6]));
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize", "critique", "refine", "rasterize", "critique", "refine", "rasterize", "critique"]);
    expect(s.state.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine"]);
    expect(s.state.rounds.map((r) => r.sourceIndex)).toEqual([null, 1, 2]);
    expect(s.state.rounds.every((r) => !r.finalCritique)).toBe(true);
    expect(s.state.status).toBe("done");
    // Each refinement works on the round before it.
    const refines = s.model.calls.filter((c) => c.kind === "refine").map((c) => c.input as RefineInput);
    expect(refines.map((r) => [r.svg, r.critique])).toEqual([
      [svgOf(1), "critique of round 1"],
      [svgOf(2), "critique of round 2"],
    ]);
  });

  it("does nothing when the session is not running", async () => {
    const s = session(PAPER, scored([1]));
    await s.run();
    expect(s.log).toEqual([]);
    expect(s.events).toEqual([]);
  });
});

describe("runLoop in reference mode", () => {
  it("runs exactly 1 draft + 3 refinements (8 model calls) with no early stop and only the last critique final", async () => {
    const s = session(REFERENCE, scored([9.9, 9.9, 9.9, 9.9]));
    await s.start();
    expect(s.model.calls.map((c) => c.kind)).toEqual(["generate", "critique", "refine", "critique", "refine", "critique", "refine", "critique"]);
    expect(s.log).toEqual([
      "generate",
      "rasterize",
      "critique",
      "refine",
      "rasterize",
      "critique",
      "refine",
      "rasterize",
      "critique",
      "refine",
      "rasterize",
      "critique(final)",
    ]);
    const finals = s.model.calls.filter((c) => c.kind === "critique").map((c) => (c.input as CritiqueInput).final);
    expect(finals).toEqual([false, false, false, true]);
    expect(s.state.rounds.map((r) => r.finalCritique)).toEqual([false, false, false, true]);
    expect(s.state.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine", "refine"]);
    expect(s.state.status).toBe("done");
  });

  it("keeps the best-scoring round as the result, the earliest on a tie, though later rounds scored lower", async () => {
    const s = session(REFERENCE, scored([7, 8.5, 8.5, 6]));
    await s.start();
    expect(s.state.rounds.map((r) => r.critique?.score)).toEqual([7, 8.5, 8.5, 6]);
    const best = selectBestRound(s.state);
    expect(best?.id).toBe("round-2");
    expect(best?.svg).toBe(svgOf(2));
  });
});

describe("runLoop failures and Retry", () => {
  it("a truncated generation fails the round and the loop; Retry generates again", async () => {
    let attempt = 0;
    const s = session(PAPER, (call) => {
      if (call.kind === "generate" && attempt++ === 0) return { text: svgOf(1).slice(0, 60), finishReason: "length" };
      return call.kind === "critique" ? { text: critiqueJson(1, 9.8) } : { text: svgOf(1) };
    });
    await s.start();
    expect(s.log).toEqual(["generate"]);
    expect(s.state.status).toBe("failed");
    expect(s.state.rounds).toHaveLength(1);
    expect(s.state.rounds[0]).toMatchObject({ phase: "failed", truncated: "length", error: { step: "generate", code: "truncated" } });

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log).toEqual(["generate", "generate", "rasterize", "critique"]);
    expect(s.state.rounds).toHaveLength(1);
    expect(s.state.rounds[0]).toMatchObject({ phase: "done", svg: svgOf(1), truncated: null, error: null });
    expect(s.state.status).toBe("done");
  });

  it("an unparsable critique fails the round; Retry re-runs only that critique and keeps the earlier round", async () => {
    let critiques = 0;
    const s = session({ ...PAPER, maxRefinements: 1 }, (call, i) => {
      if (call.kind !== "critique") return { text: svgOf(i === 0 ? 1 : 2) };
      critiques++;
      if (critiques === 2) return { text: "The icon looks great, I'd give it 9/10." };
      return { text: critiqueJson(critiques === 1 ? 1 : 2, critiques === 1 ? 5 : 7) };
    });
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize", "critique", "refine", "rasterize", "critique"]);
    expect(s.state.status).toBe("failed");
    const round1 = s.state.rounds[0];
    expect(round1).toMatchObject({ phase: "done", critique: { score: 5 } });
    expect(s.state.rounds[1]).toMatchObject({ phase: "failed", error: { step: "critique", code: "unparsable_critique" } });
    expect(s.state.rounds[1].critiqueText).toBe("The icon looks great, I'd give it 9/10.");

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log.slice(6)).toEqual(["critique"]);
    expect(s.model.calls[4].input).toEqual({ prompt: PROMPT, png: s.pngs[1], final: false });
    expect(s.state.rounds).toHaveLength(2);
    expect(s.state.rounds[0]).toBe(round1);
    expect(s.state.rounds[1]).toMatchObject({ phase: "done", critique: { score: 7 }, error: null });
    expect(s.state.status).toBe("done");
  });

  it("an upstream error on refine fails the round with its code; Retry sends the same refine again", async () => {
    let refines = 0;
    const s = session({ ...PAPER, maxRefinements: 1 }, (call) => {
      if (call.kind === "refine" && refines++ === 0) return { error: { code: "upstream:http", message: "The inference server answered 502." } };
      return call.kind === "critique" ? { text: critiqueJson(1, 5) } : { text: svgOf(call.kind === "generate" ? 1 : 2) };
    });
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize", "critique", "refine"]);
    expect(s.state.status).toBe("failed");
    expect(s.state.rounds[1]).toMatchObject({
      kind: "refine",
      phase: "failed",
      error: { step: "generate", code: "upstream:http", message: "The inference server answered 502." },
    });

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log.slice(4)).toEqual(["refine", "rasterize", "critique"]);
    expect(s.model.calls[3].input).toEqual(s.model.calls[2].input);
    expect(s.state.rounds.map((r) => r.phase)).toEqual(["done", "done"]);
  });

  it("a render failure fails the round; Retry renders the same SVG again without generating", async () => {
    let renders = 0;
    const s = session(PAPER, scored([9.9]), async (svg) => {
      if (renders++ === 0) throw new Error("The SVG could not be drawn.");
      return `data:image/png;base64,${Buffer.from(svg).toString("base64")}`;
    });
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize"]);
    expect(s.state.rounds[0]).toMatchObject({
      phase: "failed",
      png: null,
      error: { step: "render", code: "render_failed", message: "The SVG could not be drawn." },
    });
    expect(s.state.status).toBe("failed");

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log).toEqual(["generate", "rasterize", "rasterize", "critique"]);
    expect(s.rasterized).toEqual([svgOf(1), svgOf(1)]);
    expect((s.model.calls[1].input as CritiqueInput).png).toBe(`data:image/png;base64,${Buffer.from(svgOf(1)).toString("base64")}`);
    expect(s.state.status).toBe("done");
  });

  it("a port that throws is a client error, not a crash", async () => {
    const s = session(PAPER, () => ({ throws: new Error("fetch is not a function") }));
    await expect(s.start()).resolves.toBeUndefined();
    expect(s.state.rounds[0]).toMatchObject({ phase: "failed", error: { step: "generate", code: "client_error", message: "fetch is not a function" } });
    expect(s.state.status).toBe("failed");
  });
});

describe("runLoop stop and pause", () => {
  it("stop mid-critique marks that round stopped and keeps the completed rounds; Retry continues the critique", async () => {
    let critiques = 0;
    let stopNow = true;
    const holder: { abort?: () => void } = {};
    const s = session({ ...PAPER, maxRefinements: 1 }, (call, i) => {
      if (call.kind !== "critique") return { text: svgOf(i === 0 ? 1 : 2) };
      critiques++;
      if (critiques === 2 && stopNow) {
        stopNow = false;
        return { hang: true, partial: '{"score": 8', onWaiting: () => holder.abort?.() };
      }
      return { text: critiqueJson(critiques, critiques === 1 ? 4 : 8) };
    });
    holder.abort = () => s.abort();
    await s.start();

    expect(s.log).toEqual(["generate", "rasterize", "critique", "refine", "rasterize", "critique"]);
    expect(s.model.calls[3].signal.aborted).toBe(true);
    expect(s.state.status).toBe("stopped");
    expect(s.state.rounds[0]).toMatchObject({ phase: "done", critique: { score: 4 } });
    expect(s.state.rounds[1]).toMatchObject({ phase: "stopped", svg: svgOf(2), stoppedStep: "critique", error: null });

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log.slice(6)).toEqual(["critique"]);
    expect(s.state.rounds[1]).toMatchObject({ phase: "done", critiqueText: critiqueJson(3, 8), error: null });
    expect(s.state.status).toBe("done");
  });

  it("stop mid-generation keeps the partial text and marks the round stopped", async () => {
    const holder: { abort?: () => void } = {};
    const s = session(PAPER, () => ({ hang: true, partial: "<svg xmlns=", onWaiting: () => holder.abort?.() }));
    holder.abort = () => s.abort();
    await s.start();
    expect(s.log).toEqual(["generate"]);
    expect(s.state.status).toBe("stopped");
    expect(s.state.rounds[0]).toMatchObject({ phase: "stopped", modelText: "<svg xmlns=", stoppedStep: "generate", error: null });
  });

  it("stop mid-render marks the round stopped so Retry can render it", async () => {
    let renders = 0;
    const holder: { abort?: () => void } = {};
    const s = session(PAPER, scored([9.9]), async (svg) => {
      if (renders++ === 0) {
        holder.abort?.();
        await Promise.resolve();
      }
      return `data:image/png;base64,${Buffer.from(svg).toString("base64")}`;
    });
    holder.abort = () => s.abort();
    await s.start();
    expect(s.log).toEqual(["generate", "rasterize"]);
    expect(s.state.status).toBe("stopped");
    expect(s.state.rounds[0]).toMatchObject({ phase: "stopped", png: null, stoppedStep: "render", error: null });

    s.dispatch({ type: "retried" });
    await s.run();
    expect(s.log).toEqual(["generate", "rasterize", "rasterize", "critique"]);
    expect(s.state.status).toBe("done");
  });

  it("pause takes effect between steps, and Resume continues from the state", async () => {
    const holder: { pause?: () => void } = {};
    const base = scored([5, 9.7]);
    const s = session(PAPER, (call, i) => {
      if (call.kind === "critique" && i === 1) holder.pause?.();
      return base(call);
    });
    holder.pause = () => s.dispatch({ type: "pauseRequested" });
    await s.start();
    // The critique in flight finishes; the refinement does not start.
    expect(s.log).toEqual(["generate", "rasterize", "critique"]);
    expect(s.state).toMatchObject({ status: "paused", pauseRequested: false });
    expect(s.state.rounds.map((r) => r.phase)).toEqual(["done"]);
    expect(s.events.at(-1)).toEqual({ type: "paused" });

    s.dispatch({ type: "resumed" });
    await s.run();
    expect(s.log.slice(3)).toEqual(["refine", "rasterize", "critique"]);
    expect(s.state.status).toBe("done");
  });
});

describe("runLoop and edits", () => {
  it("an edit starts at rendering: the edited SVG is rendered and critiqued, never generated", async () => {
    const s = session({ ...PAPER, maxRefinements: 1 }, scored([4, 6, 7]));
    await s.start();
    expect(s.state.status).toBe("done");
    const before = s.log.length;

    const edited = svgOf(9).replace("#000009", "#ff0000");
    s.dispatch({ type: "editCommitted", svg: edited, sourceRoundId: "round-2" });
    expect(s.state.rounds[2]).toMatchObject({ kind: "edit", phase: "rendering", svg: edited, sourceIndex: 2 });
    s.dispatch({ type: "resumed" });
    await s.run();

    // The refinement budget is spent, and edits do not spend it: render, critique, done.
    expect(s.log.slice(before)).toEqual(["rasterize", "critique"]);
    expect(s.rasterized.at(-1)).toBe(edited);
    expect(s.model.calls.at(-1)?.input).toEqual({ prompt: PROMPT, png: s.pngs.at(-1), final: false });
    expect(s.state.rounds[2]).toMatchObject({ kind: "edit", phase: "done", critique: { score: 7 } });
    expect(s.state.status).toBe("done");
  });

  it("with extra refinements granted, the next refinement works on the edited round", async () => {
    const s = session({ ...PAPER, maxRefinements: 1 }, scored([4, 6, 7, 8]));
    await s.start();
    const edited = svgOf(9);
    s.dispatch({ type: "editCommitted", svg: edited, sourceRoundId: "round-2" });
    s.dispatch({ type: "resumed", extraRefinements: 1 });
    await s.run();
    const refine = s.model.calls.filter((c) => c.kind === "refine").at(-1);
    expect(refine?.input).toEqual({ prompt: PROMPT, svg: edited, critique: "critique of round 3", suggestions: "1. Fix round 3.\n2. Keep the palette." });
    expect(s.state.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "edit", "refine"]);
    expect(s.state.rounds[3].sourceIndex).toBe(3);
    expect(s.state.status).toBe("done");
  });
});
