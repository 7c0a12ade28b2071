import { describe, expect, it, vi } from "vitest";
import type { SessionDetail } from "../contract/session-contract";
import type { ModelPort } from "../loop/loop-ports";
import { makeRound, svgOf } from "../../test/support/loop-builders";
import { DEFAULT_SETTINGS, type Round } from "../loop/loop-types";
import { deferred, fakeModel, fakeRasterize, flush, recordingSessions } from "../../test/support/loop-ports";
import { createStudioStore, resumeAvailability } from "./studio-store";

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
    profile: "intro-svg",
    run: null,
    linkedFromId: null,
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
  it("shows the newest start's session only, even when creates resolve out of order", async () => {
    const createA = deferred<string>();
    const createB = deferred<string>();
    const creates = [createA.promise, createB.promise];
    const sessions = recordingSessions({ create: () => creates.shift()! });
    const created = vi.fn();
    const store = createStudioStore({ model: fakeModel(), rasterize: fakeRasterize, sessions: sessions.port, onSessionCreated: created });

    store.getState().startLoop("prompt A", DEFAULT_SETTINGS);
    await flush();
    store.getState().selectRound("round-1");
    store.getState().startLoop("prompt B", DEFAULT_SETTINGS);
    expect(store.getState()).toMatchObject({ selectedRoundId: null, sessionId: null, save: { status: "idle" } });
    createB.resolve("B");
    await flush();
    expect(store.getState().sessionId).toBe("B");
    createA.resolve("A");
    for (let i = 0; i < 10; i++) await flush();

    expect(store.getState().sessionId).toBe("B");
    expect(created.mock.calls).toEqual([["B"]]);
    expect(store.getState().save).toEqual({ status: "saved" });
    expect(store.getState().loop).toMatchObject({ prompt: "prompt B", status: "done" });
  });

  it("Resume from a valid edit makes it a round of its own and lets the page follow the loop again", async () => {
    const sessions = recordingSessions();
    const store = createStudioStore({ model: fakeModel(), rasterize: fakeRasterize, sessions: sessions.port });
    store.getState().startLoop("p", DEFAULT_SETTINGS);
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.status).toBe("done");

    const edited = svgOf(5);
    store.getState().selectRound("round-1");
    store.getState().editSvg("round-1", edited.slice(0, 20));
    expect(resumeAvailability(store.getState()).enabled).toBe(false);
    store.getState().resumeLoop();
    expect(store.getState().editDraft).not.toBeNull();

    store.getState().editSvg("round-1", edited);
    store.getState().resumeLoop();
    expect(store.getState()).toMatchObject({ editDraft: null, selectedRoundId: null });
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.rounds[1]).toMatchObject({ kind: "edit", sourceIndex: 1, svg: edited, phase: "done" });
    expect(sessions.saved.at(-1)?.round).toMatchObject({ id: "round-2", kind: "edit", phase: "done" });
  });

  it("Stop, Retry and leaving the page reach the run", async () => {
    const gate = deferred<void>();
    const sessions = recordingSessions();
    const base = fakeModel();
    const model: ModelPort = {
      ...base,
      critique: async (...args) => {
        await gate.promise;
        return base.critique(...args);
      },
    };
    const store = createStudioStore({ model, rasterize: fakeRasterize, sessions: sessions.port });
    store.getState().startLoop("p", DEFAULT_SETTINGS);
    for (let i = 0; i < 5; i++) await flush();
    store.getState().stopLoop();
    for (let i = 0; i < 5; i++) await flush();
    expect(store.getState().loop.rounds[0]).toMatchObject({ phase: "stopped", stoppedStep: "critique", error: null });
    expect(sessions.updates.at(-1)?.patch).toMatchObject({ status: "stopped" });

    store.getState().retryStep();
    await flush();
    store.getState().dispose();
    gate.resolve();
    for (let i = 0; i < 5; i++) await flush();
    expect(store.getState().loop.status).toBe("paused");
    expect(sessions.updates.at(-1)?.patch).toMatchObject({ status: "paused" });
  });

  it("reopens an interrupted session so it can be continued", async () => {
    const store = createStudioStore({ model: fakeModel(), rasterize: fakeRasterize });
    store.getState().loadSession(detail([makeRound(1), makeRound(2, { kind: "edit", phase: "critiquing", critique: null })], "done"));
    expect(store.getState().loop.status).toBe("paused");
    expect(resumeAvailability(store.getState()).enabled).toBe(true);
    store.getState().resumeLoop();
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.rounds[1]).toMatchObject({ phase: "done", critique: { score: 9.8 } });

    store
      .getState()
      .loadSession(
        detail([makeRound(1, { phase: "failed", critique: null, error: { step: "critique", code: "unparsable_critique", message: "m" } })], "paused"),
      );
    expect(store.getState().loop.status).toBe("failed");
    store.getState().retryStep();
    for (let i = 0; i < 10; i++) await flush();
    expect(store.getState().loop.status).toBe("done");
  });

  it("offers more rounds after the end, and runs them all, also after a round that reached the threshold", async () => {
    // The fake critic scores 9.8: every round passes the 9.5 threshold.
    const store = createStudioStore({ model: fakeModel(9.8), rasterize: fakeRasterize });
    store.getState().loadSession(detail([makeRound(1, { critique: { score: 9.9, critique: "c", suggestions: "s" } })], "done"));
    expect(resumeAvailability(store.getState(), 0)).toMatchObject({ enabled: false, reason: expect.stringMatching(/Set More rounds/) });
    expect(resumeAvailability(store.getState(), 2)).toEqual({ enabled: true, reason: "Resume runs 2 more rounds after round 1, whatever their score." });
    store.getState().resumeLoop(2);
    for (let i = 0; i < 30; i++) await flush();
    expect(store.getState().loop.status).toBe("done");
    expect(store.getState().loop.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine"]);
    // Asked again: one more, counted from where it ended (not from the original budget).
    store.getState().resumeLoop(1);
    for (let i = 0; i < 30; i++) await flush();
    expect(store.getState().loop.rounds).toHaveLength(4);
  });

  it("says why Resume is what it is: paused, interrupted before any round, failed", () => {
    const store = createStudioStore({ model: fakeModel(), rasterize: fakeRasterize });
    store.getState().loadSession(detail([], "running"));
    expect(store.getState().loop.status).toBe("paused");
    expect(resumeAvailability(store.getState())).toEqual({
      enabled: true,
      reason: "Resume starts this session: it was interrupted before its first round finished.",
    });
    store.getState().loadSession(detail([makeRound(1)], "paused"));
    expect(resumeAvailability(store.getState(), 2)).toEqual({ enabled: true, reason: "Resume continues the loop and runs 2 more rounds." });
  });
});
