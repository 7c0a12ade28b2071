import { describe, expect, it } from "vitest";
import { makeRound } from "../../test/support/loop-builders";
import { SESSION_EXPORT_FORMAT, sessionExportSchema } from "./session-contract";

const session = {
  title: "a kite",
  prompt: "a kite",
  settings: { mode: "paper", maxRefinements: 3, threshold: 9.5 },
  status: "stopped",
  extraRefinements: 0,
  engine: "builtin",
  model: null,
  createdAt: 1,
  updatedAt: 2,
};

describe("session export files", () => {
  it("reads version 2 as it is", () => {
    const rounds = [makeRound(1), makeRound(2)];
    const parsed = sessionExportSchema.parse({ format: SESSION_EXPORT_FORMAT, version: 2, session, rounds });
    expect(parsed.rounds).toEqual(rounds);
  });

  it("upgrades version 1: sources by id become indexes, a 'stopped' failure becomes a stopped round", () => {
    const v1Round = (index: number, extra: Record<string, unknown>) => {
      const { sourceIndex, stoppedStep, ...rest } = makeRound(index);
      void sourceIndex;
      void stoppedStep;
      return { ...rest, sourceRoundId: index === 1 ? null : `round-${index - 1}`, ...extra };
    };
    const parsed = sessionExportSchema.parse({
      format: SESSION_EXPORT_FORMAT,
      version: 1,
      session,
      rounds: [v1Round(1, {}), v1Round(2, { phase: "failed", critique: null, error: { step: "critique", code: "stopped", message: "Stopped before this step finished." } })],
    });
    expect(parsed.version).toBe(2);
    expect(parsed.rounds[0]).toMatchObject({ sourceIndex: null, phase: "done", stoppedStep: null });
    expect(parsed.rounds[1]).toMatchObject({ sourceIndex: 1, phase: "stopped", stoppedStep: "critique", error: null });
  });

  it("refuses an unknown error code and a file of another kind", () => {
    const bad = { ...makeRound(1), phase: "failed", error: { step: "generate", code: "made_up", message: "x" } };
    expect(sessionExportSchema.safeParse({ format: SESSION_EXPORT_FORMAT, version: 2, session, rounds: [bad] }).success).toBe(false);
    expect(sessionExportSchema.safeParse({ format: "something-else", version: 2, session, rounds: [] }).success).toBe(false);
  });
});
