import { describe, expect, it, vi } from "vitest";
import type { SessionDetail } from "../contract/session-contract";
import type { ModelPort, StepResult } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState, type Round } from "./loop-types";
import { META, makeRound, svgOf } from "../../test/support/loop-builders";
import { deferred, fakeModel, fakeRasterize, flush, recordingSessions, untilAborted } from "../../test/support/loop-ports";
import { createRunController, type RunControllerOptions } from "./run-controller";
import type { SaveState } from "./session-saver";

const PAPER: LoopSettings = { mode: "paper", maxRefinements: 3, threshold: 9.5 };

/** A Node driver as a batch job would write one: the loop state is a plain variable. */
function drive(ports: Omit<RunControllerOptions, "getState" | "apply">) {
  let state: LoopState = INITIAL_LOOP_STATE;
  const saveStates: SaveState[] = [];
  const controller = createRunController({
    onSaveState: (save) => saveStates.push(save),
    ...ports,
    getState: () => state,
    apply: (event) => {
      state = loopReducer(state, event);
    },
  });
  return {
    controller,
    saveStates,
    get state() {
      return state;
    },
  };
}

function stored(rounds: Round[], status: SessionDetail["status"]): SessionDetail {
  return {
    id: "stored",
    title: "t",
    prompt: "p",
    status,
    bestScore: null,
    bestRoundIndex: null,
    engine: "builtin",
    model: "m",
    profile: "intro-svg",
    run: null,
    linkedFromId: null,
    createdAt: 0,
    updatedAt: 0,
    settings: PAPER,
    extraRefinements: 0,
    forkedFromId: null,
    forkedFromRound: null,
    rounds,
  };
}

describe("run controller, driven from Node with the state in a plain variable", () => {
  it("runs a whole loop: start resolves once the loop has ended and its session is stored", async () => {
    let state: LoopState = INITIAL_LOOP_STATE;
    const events: LoopEvent[] = [];
    const sessions = recordingSessions();
    const created = vi.fn();
    const controller = createRunController({
      model: fakeModel(6),
      rasterize: fakeRasterize,
      sessions: sessions.port,
      getState: () => state,
      apply: (event) => {
        events.push(event);
        state = loopReducer(state, event);
      },
      onSessionCreated: created,
    });

    const run = controller.start("a red kite", { ...PAPER, maxRefinements: 1 });
    expect(controller.isRunning()).toBe(true);
    expect(controller.current()).toBe(run);
    await run;

    expect(controller.isRunning()).toBe(false);
    expect(state.status).toBe("done");
    expect(state.rounds.map((r) => [r.kind, r.phase, r.critique?.score])).toEqual([
      ["draft", "done", 6],
      ["refine", "done", 6],
    ]);
    expect(events[0]).toEqual({ type: "started", prompt: "a red kite", settings: { ...PAPER, maxRefinements: 1 } });
    expect(events.at(-1)).toEqual({ type: "finished" });
    expect(created.mock.calls).toEqual([["S1"]]);
    // Nothing left to wait for: every step was stored as it completed, then the end.
    expect(sessions.log).toEqual([
      "S1 status:running",
      "S1 round-1:rendering",
      "S1 round-1:critiquing",
      "S1 round-1:done",
      "S1 round-2:rendering",
      "S1 round-2:critiquing",
      "S1 round-2:done",
      "S1 status:done",
    ]);
    expect(controller.saveState()).toEqual({ status: "saved" });
  });

  it("stop aborts the step in flight all the way to the model; Retry continues from that step", async () => {
    const waiting = deferred<AbortSignal>();
    let calls = 0;
    const model: ModelPort = {
      ...fakeModel(),
      generate: (input, handlers, signal) => {
        if (calls++ > 0) return fakeModel().generate(input, handlers, signal);
        handlers.onDelta("<svg xmlns=");
        waiting.resolve(signal);
        return untilAborted(signal);
      },
    };
    const sessions = recordingSessions();
    const d = drive({ model, rasterize: fakeRasterize, sessions: sessions.port });

    const run = d.controller.start("p", PAPER);
    const signal = await waiting.promise;
    await d.controller.stop();
    await run;

    expect(signal.aborted).toBe(true);
    expect(d.controller.isRunning()).toBe(false);
    expect(d.state.status).toBe("stopped");
    expect(d.state.rounds[0]).toMatchObject({ phase: "stopped", modelText: "<svg xmlns=", stoppedStep: "generate", error: null });
    expect(sessions.log).toEqual(["S1 status:running", "S1 round-1:stopped", "S1 status:stopped"]);

    await d.controller.retry();
    expect(d.state.status).toBe("done");
    expect(d.state.rounds).toHaveLength(1);
    expect(d.state.rounds[0]).toMatchObject({ phase: "done", error: null, critique: { score: 9.8 } });
    expect(sessions.log.slice(3)).toEqual(["S1 status:running", "S1 round-1:rendering", "S1 round-1:critiquing", "S1 round-1:done", "S1 status:done"]);
  });

  it("pause lets the step in flight finish and halts before the next; resume continues to the end", async () => {
    const gate = deferred<void>();
    const model: ModelPort = {
      ...fakeModel(6),
      critique: async (input, handlers, signal) => {
        await gate.promise;
        return fakeModel(6).critique(input, handlers, signal);
      },
    };
    const d = drive({ model, rasterize: fakeRasterize });
    const run = d.controller.start("p", { ...PAPER, maxRefinements: 1 });
    await flush();
    expect(d.state.rounds[0].phase).toBe("critiquing");

    const paused = d.controller.pause();
    expect(paused).toBe(run);
    gate.resolve();
    await paused;
    expect(d.state).toMatchObject({ status: "paused", pauseRequested: false });
    expect(d.state.rounds.map((r) => r.phase)).toEqual(["done"]);

    await d.controller.resume();
    expect(d.state.status).toBe("done");
    expect(d.state.rounds.map((r) => [r.kind, r.phase])).toEqual([
      ["draft", "done"],
      ["refine", "done"],
    ]);
  });

  it("resume grants more rounds past the end, and turns an edit into a round of its own", async () => {
    const sessions = recordingSessions();
    const d = drive({ model: fakeModel(6), rasterize: fakeRasterize, sessions: sessions.port });
    await d.controller.start("p", { ...PAPER, maxRefinements: 0 });
    expect(d.state.rounds.map((r) => r.kind)).toEqual(["draft"]);

    await d.controller.resume(1);
    expect(d.state).toMatchObject({ status: "done", extraRefinements: 1 });
    expect(d.state.rounds.map((r) => r.kind)).toEqual(["draft", "refine"]);
    expect(sessions.updates.at(-1)?.patch).toEqual({ status: "done", extraRefinements: 1 });

    const edited = svgOf(7);
    await d.controller.resume(undefined, { svg: edited, sourceRoundId: "round-2" });
    expect(d.state.status).toBe("done");
    expect(d.state.rounds[2]).toMatchObject({ kind: "edit", sourceIndex: 2, svg: edited, phase: "done", critique: { score: 6 } });
    expect(sessions.saved.at(-1)?.round).toMatchObject({ id: "round-3", kind: "edit", phase: "done" });
  });

  it("drops what a stopped run reports late, even from a model that ignores the abort", async () => {
    const gate = deferred<void>();
    const ok: StepResult = { ok: true, meta: META };
    const model: ModelPort = {
      ...fakeModel(),
      generate: async (_input, { onDelta }) => {
        await gate.promise;
        onDelta(svgOf(1));
        return ok;
      },
    };
    const sessions = recordingSessions();
    const d = drive({ model, rasterize: fakeRasterize, sessions: sessions.port });
    const run = d.controller.start("p", PAPER);
    await flush();
    await d.controller.stop();
    // The run's promise settles at the stop, though its step has not noticed yet.
    await run;
    const afterStop = d.state;
    const savesAfterStop = [...sessions.log];

    gate.resolve();
    for (let i = 0; i < 5; i++) await flush();
    expect(d.state).toBe(afterStop);
    expect(d.state.rounds[0]).toMatchObject({ phase: "stopped", modelText: "", error: null });
    expect(sessions.log).toEqual(savesAfterStop);
  });

  it("a new start replaces the run in flight: the old run's promise settles and its events are dropped", async () => {
    const hung = deferred<StepResult>();
    let calls = 0;
    const model: ModelPort = {
      ...fakeModel(),
      // The first generation never ends and never looks at its signal.
      generate: (input, handlers, signal) => {
        if (calls++ > 0) return fakeModel().generate(input, handlers, signal);
        handlers.onDelta("<svg");
        return hung.promise;
      },
    };
    const d = drive({ model, rasterize: fakeRasterize });
    const first = d.controller.start("first", PAPER);
    await flush();
    const second = d.controller.start("second", PAPER);
    await first;
    await second;
    hung.resolve({ ok: true, meta: META });
    await flush();

    expect(d.state).toMatchObject({ prompt: "second", status: "done" });
    expect(d.state.rounds).toHaveLength(1);
    expect(d.state.rounds[0].modelText).toContain("<!-- second -->");
  });

  it("starts storing each step before the next one starts, without waiting for it; the run ends after its saves", async () => {
    const gate = deferred<void>();
    const calls: string[] = [];
    const sessions = recordingSessions();
    const saveRound = sessions.port.saveRound;
    sessions.port.saveRound = async (id, round) => {
      calls.push(`save ${round.phase}`);
      if (round.phase === "rendering") await gate.promise;
      return saveRound(id, round);
    };
    const base = fakeModel();
    const model: ModelPort = {
      generate: (...args) => (calls.push("generate"), base.generate(...args)),
      refine: (...args) => (calls.push("refine"), base.refine(...args)),
      critique: (...args) => (calls.push("critique"), base.critique(...args)),
    };
    const d = drive({ model, rasterize: async (svg) => (calls.push("rasterize"), fakeRasterize(svg)), sessions: sessions.port });
    let ended = false;
    const run = d.controller.start("p", PAPER).then(() => (ended = true));
    for (let i = 0; i < 10; i++) await flush();
    // The first save hangs: the loop has gone on to the end, later saves wait in order behind it.
    expect(calls.filter((c) => !c.startsWith("save"))).toEqual(["generate", "rasterize", "critique"]);
    expect(calls.filter((c) => c.startsWith("save"))).toEqual(["save rendering"]);
    expect(d.state.status).toBe("done");
    expect(ended).toBe(false);

    gate.resolve();
    await run;
    expect(calls.filter((c) => c.startsWith("save"))).toEqual(["save rendering", "save critiquing", "save done"]);
    expect(sessions.updates.map((u) => u.patch)).toEqual([
      { status: "running", extraRefinements: 0 },
      { status: "done", extraRefinements: 0 },
    ]);
  });

  it("reports a failed save or create without failing the loop", async () => {
    const failing = recordingSessions({
      saveRound: async () => {
        throw new Error("The disk is full.");
      },
    });
    const d = drive({ model: fakeModel(), rasterize: fakeRasterize, sessions: failing.port });
    await d.controller.start("p", PAPER);
    expect(d.state.status).toBe("done");
    expect(d.saveStates).toContainEqual({ status: "error", message: "The disk is full." });
    expect(failing.updates.map((u) => u.patch)).toEqual([
      { status: "running", extraRefinements: 0 },
      { status: "done", extraRefinements: 0 },
    ]);

    const created = vi.fn();
    const unreachable = recordingSessions({
      create: async () => {
        throw new Error("The studio server did not answer.");
      },
    });
    const e = drive({ model: fakeModel(), rasterize: fakeRasterize, sessions: unreachable.port, onSessionCreated: created });
    await e.controller.start("p", PAPER);
    expect(e.state.status).toBe("done");
    expect(e.controller.saveState()).toEqual({ status: "error", message: "The studio server did not answer." });
    expect(unreachable.log).toEqual([]);
    expect(created).not.toHaveBeenCalled();
  });

  it("stop while a round is being saved leaves a stopped, retryable round, and saves it after", async () => {
    const gate = deferred<void>();
    const sessions = recordingSessions();
    let first = true;
    const saveRound = sessions.port.saveRound;
    sessions.port.saveRound = async (id, round) => {
      if (first) {
        first = false;
        await gate.promise;
      }
      return saveRound(id, round);
    };
    // The render hangs too, so the stop lands while the first save is still in flight.
    const rendering = deferred<string>();
    let renders = 0;
    const rasterize = (svg: string) => (renders++ === 0 ? rendering.promise : fakeRasterize(svg));
    const d = drive({ model: fakeModel(), rasterize, sessions: sessions.port });
    const run = d.controller.start("p", PAPER);
    for (let i = 0; i < 5; i++) await flush();
    expect(d.state.rounds[0].phase).toBe("rendering");

    const stopped = d.controller.stop();
    await run;
    gate.resolve();
    await stopped;

    expect(d.state.status).toBe("stopped");
    expect(d.state.rounds[0]).toMatchObject({ phase: "stopped", stoppedStep: "render", error: null });
    expect(sessions.log).toEqual(["S1 status:running", "S1 round-1:rendering", "S1 round-1:stopped", "S1 status:stopped"]);

    await d.controller.retry();
    expect(d.state.status).toBe("done");
  });

  it("dispose leaves a running loop paused and saved as paused, and the controller stays usable", async () => {
    const gate = deferred<StepResult>();
    let calls = 0;
    const model: ModelPort = {
      ...fakeModel(),
      generate: (input, handlers, signal) => (calls++ === 0 ? gate.promise : fakeModel().generate(input, handlers, signal)),
    };
    const sessions = recordingSessions();
    const d = drive({ model, rasterize: fakeRasterize, sessions: sessions.port });
    const run = d.controller.start("p", PAPER);
    await flush();
    await d.controller.dispose();
    await run;
    gate.resolve({ ok: true, meta: META });
    for (let i = 0; i < 5; i++) await flush();
    expect(d.state.status).toBe("paused");
    expect(sessions.updates.at(-1)?.patch).toMatchObject({ status: "paused" });

    // A paused loop is left as it is.
    const saves = sessions.log.length;
    await d.controller.dispose();
    expect(sessions.log).toHaveLength(saves);

    await d.controller.resume();
    expect(d.state.status).toBe("done");
  });

  it("load reopens a stored session and later saves go to it", async () => {
    const sessions = recordingSessions();
    const created = vi.fn();
    const d = drive({ model: fakeModel(), rasterize: fakeRasterize, sessions: sessions.port, onSessionCreated: created });
    d.controller.load(stored([makeRound(1), makeRound(2, { kind: "edit", phase: "critiquing", critique: null })], "running"));
    expect(d.state.status).toBe("paused");
    expect(d.controller.saveState()).toEqual({ status: "saved" });

    await d.controller.resume();
    expect(d.state.rounds[1]).toMatchObject({ phase: "done", critique: { score: 9.8 } });
    expect(sessions.log).toEqual(["stored status:running", "stored round-2:done", "stored status:done"]);
    expect(created).not.toHaveBeenCalled();
  });
});

describe("run controller saves", () => {
  it("go in order, each to its own session, when a new start replaces a run whose create is slow", async () => {
    const createA = deferred<string>();
    const createB = deferred<string>();
    const creates = [createA.promise, createB.promise];
    const sessions = recordingSessions({ create: () => creates.shift()! });
    const created = vi.fn();
    // A's render hangs, so A is still running (its round rendering) when B replaces it.
    let renders = 0;
    const rasterize = (svg: string) => (renders++ === 0 ? deferred<string>().promise : fakeRasterize(svg));
    const d = drive({ model: fakeModel(), rasterize, sessions: sessions.port, onSessionCreated: created });

    const a = d.controller.start("prompt A", PAPER);
    await flush();
    expect(d.state.rounds[0].phase).toBe("rendering");
    const b = d.controller.start("prompt B", PAPER);
    await a;
    createB.resolve("B");
    for (let i = 0; i < 5; i++) await flush();
    // One queue: B's saves wait behind A's, which wait for A's create; B's loop does not wait.
    expect(sessions.log).toEqual([]);
    expect(d.state.rounds[0].phase).toBe("done");

    createA.resolve("A");
    await b;
    await d.controller.saved();

    expect(sessions.log).toEqual([
      "A status:running",
      "A round-1:rendering",
      "B status:running",
      "B round-1:rendering",
      "B round-1:critiquing",
      "B round-1:done",
      "B status:done",
    ]);
    for (const { id, round } of sessions.saved) expect(round.modelText).toContain(id === "A" ? "prompt A" : "prompt B");
    expect(created.mock.calls).toEqual([["B"]]);
    expect(d.state).toMatchObject({ prompt: "prompt B", status: "done" });
    // A's saves landed after B took over: the save state is B's alone.
    expect(d.saveStates).toEqual([
      { status: "idle" },
      { status: "idle" },
      { status: "saving" },
      { status: "saved" },
      { status: "saving" },
      { status: "saved" },
      { status: "saving" },
      { status: "saved" },
      { status: "saving" },
      { status: "saved" },
      { status: "saving" },
      { status: "saved" },
    ]);
  });
});
