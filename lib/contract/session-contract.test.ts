import { describe, expect, it } from "vitest";
import { makeRound } from "../../test/support/loop-builders";
import { roundSchema, SESSION_EXPORT_FORMAT, sessionExportSchema } from "./session-contract";
import { LIMITS } from "../http/limits";
import { bombPng, dataUrl, paddedPng } from "../../test/support/png";

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
      rounds: [
        v1Round(1, {}),
        v1Round(2, { phase: "failed", critique: null, error: { step: "critique", code: "stopped", message: "Stopped before this step finished." } }),
      ],
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

  it("checks stored PNGs as PNGs, not by their prefix: the whole file, at most 2048×2048", () => {
    const issue = (png: string) => roundSchema.safeParse(makeRound(1, { png })).error?.issues[0];
    expect(issue(dataUrl(paddedPng(5000)))).toBeUndefined();
    const prefixOnly = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("then anything at all, long enough to be read")]).toString("base64")}`;
    expect(issue(prefixOnly)?.message).toBe("png is not an acceptable PNG: its first chunk is not IHDR");
    const good = paddedPng(600);
    const corrupt = Buffer.from(good);
    corrupt[300] ^= 0xff;
    expect(issue(dataUrl(corrupt))?.message).toMatch(/^png is not an acceptable PNG: its peXt chunk is corrupt \(CRC mismatch\)$/);
    expect(issue(dataUrl(good.subarray(0, 500)))?.message).toMatch(/runs past the end/);
    expect(issue(dataUrl(Buffer.concat([good, Buffer.from("trailing")])))?.message).toMatch(/bytes after its IEND/);
    expect(issue(dataUrl(bombPng()))).toMatchObject({
      message: "png is not an acceptable PNG: it is 16000×16000 pixels; the limit is 2048×2048",
      params: { tooLarge: true },
    });
    expect(issue("data:image/png;base64,AAAA")?.message).toMatch(/PNG signature/);
  });

  it("caps every string field of a round on its own, the critic's raw text included", () => {
    const path = (patch: Parameters<typeof makeRound>[1]) => roundSchema.safeParse(makeRound(1, patch)).error?.issues[0]?.path.join(".");
    expect(path({ critiqueText: "x".repeat(LIMITS.critiqueTextChars) })).toBeUndefined();
    expect(path({ critiqueText: "x".repeat(LIMITS.critiqueTextChars + 1) })).toBe("critiqueText");
    expect(path({ critique: { score: 5, critique: "x".repeat(LIMITS.critiqueChars + 1), suggestions: "" } })).toBe("critique.critique");
    expect(path({ critique: { score: 5, critique: "", suggestions: "x".repeat(LIMITS.critiqueChars + 1) } })).toBe("critique.suggestions");
    expect(path({ modelText: "x".repeat(LIMITS.modelTextChars + 1) })).toBe("modelText");
    expect(path({ id: "x".repeat(101) })).toBe("id");
  });
});
