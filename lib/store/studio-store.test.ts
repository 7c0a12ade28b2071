import { describe, expect, it, vi } from "vitest";
import type { SessionPort } from "../clients/session-client";
import type { SessionDetail } from "../contract/session-contract";
import type { ModelPort, StepResult } from "../loop/loop-ports";
import { META, makeRound, svgOf } from "../../test/support/loop-builders";
import { DEFAULT_SETTINGS, type Round } from "../loop/loop-types";
import { createStudioStore, resumeAvailability } from "./studio-store";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A model that answers at once: the SVG names the prompt, every critique scores `score`. */
function fakeModel(score = 9.8): ModelPort {
  const ok: StepResult = { ok: true, meta: META };
  return {
    generate: async ({ prompt }, { onDelta }) => (onDelta(svgOf(1).replace("<path", `<!-- ${prompt} --><path`)), ok),
    refine: async (_input, { onDelta }) => (onDelta(svgOf(2)), ok),
    critique: async (_input, { onDelta }) => (onDelta(JSON.stringify({ score, critique: "c", suggestions: "s" })), ok),
  };
}

function recordingSessions(overrides: Partial<SessionPort> = {}) {
  const saved: Array<{ id: string; round: Round }> = [];
  const updates: Array<{ id: string; patch: object }> = [];
  const port: SessionPort = {
    create: overrides.create ?? (async () => "S1"),
    saveRound: overrides.saveRound ?? (async (id, round) => void saved.push({ id, round })),
    update: overrides.update ?? (async (id, patch) => void updates.push({ id, patch })),
  };
  return { port, saved, updates };
}

function detail(rounds: Round[], status: SessionDetail["status"]): SessionDetail {
  return {
    id: "stored",
    title: "t",
    prompt: "p",
    status,
    bestScore: null,
    bestRoundIndex: null,
    engine: "builtin",
    model: "m",
    createdAt: 0,
    updatedAt: 0,
    settings: DEFAULT_SETTINGS,
    extraRefinements: 0,
    forkedFromId: null,
    forkedFromRound: null,
    rounds,
  };
}

describe("studio store", () => {
  it("saves each round under the session it belongs to, even when creates resolve out of order", async () => {
    const createA = deferred<string>();
    const createB = deferred<string>();
    const creates = [createA.promise, createB.promise];
    const sessions = recordingSessions({ create: () => creates.shift()! });
    const created = vi.fn();
    const store = createStudioStore({ model: fakeModel(), rasterize: async () => "data:image/png;base64,AA", sessions: sessions.port, onSessionCreated: created });

    store.getState().startLoop("prompt A", DEFAULT_SETTINGS);
    await flush();
    store.getState().startLoop("prompt B", DEFAULT_SETTINGS);
    createB.resolve("B");
    await flush();
    createA.resolve("A");
    for (let i = 0; i < 10; i++) await flush();

    expect(store.getState().sessionId).toBe("B");
    expect(created.mock.calls).toEqual([["B"]]);
    expect(sessions.saved.filter((s) => s.id === "B").every((s) => s.round.modelText.includes("prompt B"))).toBe(true);
    expect(sessions.saved.filter((s) => s.id === "A").every((s) => s.round.modelText.includes("prompt A"))).toBe(true);
    expect(sessions.saved.some((s) => s.id === "B" && s.round.phase === "done")).toBe(true);
    expect(store.getState().loop.status).toBe("done");
  });

  it("Stop while a round is being saved leaves a failed, retryable round, and saves it", async () => {
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
    const store = createStudioStore({ model: fakeModel(), rasterize: async () => "data:image/png;base64,AA", sessions: sessions.port });
    store.getState().startLoop("p", DEFAULT_SETTINGS);
    for (let i = 0; i < 5; i++) await flush();
    expect(store.getState().loop.rounds[0].phase).toBe("rendering");

    store.getState().stopLoop();
    gate.resolve();
    for (let i = 0; i < 5; i++) await flush();

    const { loop } = store.getState();
    expect(loop.status).toBe("stopped");
    expect(loop.rounds[0]).toMatchObject({ phase: "stopped", stoppedStep: "render", error: null });
    expect(sessions.saved.at(-1)?.round.phase).toBe("stopped");
    expect(sessions.updates.at(-1)?.patch).toMatchObject({ status: "stopped" });

    store.getState().retryStep();
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.status).toBe("done");
  });

  it("reopens an interrupted session so it can be continued", async () => {
    const store = createStudioStore({ model: fakeModel(), rasterize: async () => "data:image/png;base64,AA" });
    store.getState().loadSession(detail([makeRound(1), makeRound(2, { kind: "edit", phase: "critiquing", critique: null })], "done"));
    expect(store.getState().loop.status).toBe("paused");
    expect(resumeAvailability(store.getState()).enabled).toBe(true);
    store.getState().resumeLoop();
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.rounds[1]).toMatchObject({ phase: "done", critique: { score: 9.8 } });

    store.getState().loadSession(detail([makeRound(1, { phase: "failed", critique: null, error: { step: "critique", code: "unparsable_critique", message: "m" } })], "paused"));
    expect(store.getState().loop.status).toBe("failed");
    store.getState().retryStep();
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.status).toBe("done");
  });

  it("leaving the page pauses a running loop and saves it as paused", async () => {
    const gate = deferred<StepResult>();
    const model: ModelPort = { ...fakeModel(), generate: () => gate.promise };
    const sessions = recordingSessions();
    const store = createStudioStore({ model, rasterize: async () => "data:image/png;base64,AA", sessions: sessions.port });
    store.getState().startLoop("p", DEFAULT_SETTINGS);
    await flush();
    store.getState().dispose();
    gate.resolve({ ok: true, meta: META });
    for (let i = 0; i < 5; i++) await flush();
    expect(store.getState().loop.status).toBe("paused");
    expect(sessions.updates.at(-1)?.patch).toMatchObject({ status: "paused" });
  });

  it("offers more rounds after the end only when they would refine", () => {
    const store = createStudioStore({ model: fakeModel(), rasterize: async () => "" });
    store.getState().loadSession(detail([makeRound(1, { critique: { score: 6, critique: "c", suggestions: "s" } })], "done"));
    const state = store.getState();
    expect(resumeAvailability({ ...state, loop: { ...state.loop, settings: { ...DEFAULT_SETTINGS, maxRefinements: 0 } } }, 0).enabled).toBe(false);
    expect(resumeAvailability({ ...state, loop: { ...state.loop, settings: { ...DEFAULT_SETTINGS, maxRefinements: 0 } } }, 2)).toMatchObject({ enabled: true, reason: "Refine 2 more rounds." });
    store.getState().loadSession(detail([makeRound(1, { critique: { score: 9.9, critique: "c", suggestions: "s" } })], "done"));
    expect(resumeAvailability(store.getState(), 2).enabled).toBe(false);
  });
});
