import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { newCandidate, roundFromCandidate, type Candidate } from "../loop/candidates";
import { sessionExportSchema } from "../contract/session-contract";
import { openDatabase, type Database } from "./database";
import { saveCandidate } from "./candidate-store";
import { createSession, deleteSession, exportSession, forkSession, getSession, importSession, saveRound, sessionThumbnail } from "./session-store";
import { critiqueOf, META, pngOf, svgOf } from "../../test/support/loop-builders";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-candidates-"));
let db: Database;

beforeAll(async () => {
  db = await openDatabase(`file:${path.join(dir, "test.db")}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function scored(n: number, score: number): Candidate {
  return {
    ...newCandidate(n, 4000 + n),
    phase: "done",
    modelText: svgOf(n),
    svg: svgOf(n),
    generation: META,
    png: pngOf(n),
    critique: critiqueOf(n, score),
    critiqueMeta: META,
  };
}

async function sessionWithCandidates(): Promise<string> {
  const id = await createSession(db, { prompt: "a kite", settings: { ...DEFAULT_SETTINGS, candidates: 3 }, engine: "builtin", model: null });
  const candidates = [scored(1, 4), scored(2, 8), { ...newCandidate(3, 4003), phase: "failed" as const, modelText: "<svg", truncated: "unclosed" as const }];
  for (const c of candidates) await saveCandidate(db, id, c);
  await saveRound(db, id, roundFromCandidate(candidates[1]));
  return id;
}

describe("candidates in the database", () => {
  it("are stored with their session, seeds and all, and come back in order; round 1 says which was chosen", async () => {
    const id = await sessionWithCandidates();
    const detail = await getSession(db, id);
    expect(detail?.candidates?.map((c) => [c.candidate, c.seed, c.phase])).toEqual([
      [1, 4001, "done"],
      [2, 4002, "done"],
      [3, 4003, "failed"],
    ]);
    expect(detail?.rounds[0].candidate).toBe(2);
    expect(detail?.bestRoundIndex).toBe(1);
    // The history's thumbnail is the chosen one's image.
    expect((await sessionThumbnail(db, id))?.png).toBe(pngOf(2));
  });

  it("replaces a candidate saved again, and refuses one for no session", async () => {
    const id = await sessionWithCandidates();
    await saveCandidate(db, id, scored(1, 9));
    expect((await getSession(db, id))?.candidates?.[0].critique?.score).toBe(9);
    expect(await saveCandidate(db, "00000000-0000-4000-8000-000000000000", scored(1, 1))).toBe(false);
  });

  it("travel in exports, imports and forks, and go with a deleted session", async () => {
    const id = await sessionWithCandidates();
    const exported = await exportSession(db, id);
    expect(exported?.candidates).toHaveLength(3);
    const parsed = sessionExportSchema.parse(JSON.parse(JSON.stringify(exported)));
    const imported = await importSession(db, parsed);
    expect((await getSession(db, imported))?.candidates?.map((c) => c.seed)).toEqual([4001, 4002, 4003]);
    const fork = await forkSession(db, id, 1);
    expect((await getSession(db, fork!))?.candidates).toHaveLength(3);
    await deleteSession(db, id);
    expect(await getSession(db, id)).toBeNull();
  });
});
