import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Round } from "../loop/loop-types";
import { openDatabase, type Database } from "./database";
import { sessionExportSchema, THUMBNAIL_SVG_BYTES } from "../contract/session-contract";
import { pngOf } from "../../test/support/loop-builders";
import {
  createSession,
  deleteSession,
  exportSession,
  forkSession,
  getSession,
  importSession,
  listSessions,
  sessionThumbnail,
  saveRound,
  updateSession,
} from "./session-store";
import { createBatchJob, listBatchItems, updateBatchItem } from "./batch-store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-db-"));
let db: Database;

beforeAll(async () => {
  db = await openDatabase(`file:${path.join(dir, "test.db")}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function round(index: number, score: number | null, patch: Partial<Round> = {}): Round {
  return {
    id: `round-${index}`,
    index,
    kind: index === 1 ? "draft" : "refine",
    sourceIndex: index === 1 ? null : index - 1,
    phase: score === null ? "failed" : "done",
    modelText: `<svg xmlns="http://www.w3.org/2000/svg"><path d="M${index} 0"/></svg>`,
    svg: `<svg xmlns="http://www.w3.org/2000/svg"><path d="M${index} 0"/></svg>`,
    truncated: null,
    generation: { model: "m", usage: { inputTokens: 10, outputTokens: 20 + index }, ttftMs: 5, durationMs: 50, finishReason: "stop" },
    png: pngOf(index),
    critiqueText: score === null ? "not json" : JSON.stringify({ score, critique: "c", suggestions: "s" }),
    critique: score === null ? null : { score, critique: `critique ${index}`, suggestions: "1. a" },
    finalCritique: false,
    critiqueMeta: score === null ? null : { model: "m", usage: { outputTokens: 30 }, ttftMs: null, durationMs: 40, finishReason: "stop" },
    error: score === null ? { step: "critique", code: "unparsable_critique", message: "no JSON" } : null,
    stoppedStep: null,
    notes: null,
    match: null,
    ...patch,
  };
}

describe("session store", () => {
  it("round-trips rounds exactly, keeps the best score (earliest on a tie) and lists with thumbnails", async () => {
    const id = await createSession(db, { prompt: "a red apple", settings: DEFAULT_SETTINGS, engine: "builtin", model: "introsvg-builtin" });
    const rounds = [round(1, 6.5), round(2, 9.1), round(3, 9.1), round(4, null)];
    for (const r of rounds) expect(await saveRound(db, id, r)).toBe(true);
    const detail = await getSession(db, id);
    expect(detail?.rounds).toEqual(rounds);
    expect(detail?.bestScore).toBe(9.1);
    expect(detail?.bestRoundIndex).toBe(2);
    const {
      sessions: [summary],
    } = await listSessions(db, "red APPLE");
    expect(summary).toMatchObject({ id, roundCount: 4, bestScore: 9.1, title: "a red apple" });
    expect(summary.thumbnailUrl).toMatch(new RegExp(`^/api/sessions/${id}/thumbnail\\?v=\\d+$`));
    expect(await sessionThumbnail(db, id)).toEqual({ png: rounds[1].png, svg: rounds[1].svg });
    expect((await listSessions(db, "banana")).sessions).toEqual([]);
  });

  it("lists a thumbnail only where one will be served: a PNG, or an SVG within THUMBNAIL_SVG_BYTES", async () => {
    const small = await createSession(db, { prompt: "thumb small svg", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    await saveRound(db, small, round(1, 7, { png: null }));
    const big = await createSession(db, { prompt: "thumb big svg", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    const bigSvg = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h1v1z"/>'.repeat(4000)}</svg>`;
    expect(bigSvg.length).toBeGreaterThan(THUMBNAIL_SVG_BYTES);
    await saveRound(db, big, round(1, 7, { png: null, svg: bigSvg, modelText: bigSvg }));
    const bigWithPng = await createSession(db, { prompt: "thumb big svg with png", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    await saveRound(db, bigWithPng, round(1, 7, { svg: bigSvg, modelText: bigSvg }));
    const listed = new Map((await listSessions(db, "thumb ")).sessions.map((s) => [s.id, s.thumbnailUrl]));
    expect(listed.get(small)).toMatch(/thumbnail\?v=/);
    expect(listed.get(big)).toBeNull();
    expect(listed.get(bigWithPng)).toMatch(/thumbnail\?v=/);
  });

  it("pages through the history newest first with a cursor, each session once", async () => {
    const prompts = Array.from({ length: 7 }, (_, i) => `paged kite ${i}`);
    for (const prompt of prompts) await createSession(db, { prompt, settings: DEFAULT_SETTINGS, engine: "builtin", model: null, createdAt: 1 });
    const seen: string[] = [];
    let after = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Awaited<ReturnType<typeof listSessions>> = await listSessions(db, "paged kite", 3, after);
      seen.push(...page.sessions.map((s) => s.prompt));
      expect(page.sessions.length).toBeLessThanOrEqual(3);
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen.sort()).toEqual([...prompts].sort());
  });

  it("replaces a round stored again (a retried step) instead of duplicating it", async () => {
    const id = await createSession(db, { prompt: "retry", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    await saveRound(db, id, round(1, null));
    await saveRound(db, id, round(1, 8));
    const detail = await getSession(db, id);
    expect(detail?.rounds).toHaveLength(1);
    expect(detail?.rounds[0].critique?.score).toBe(8);
    expect(detail?.rounds[0].error).toBeNull();
  });

  it("treats % and _ in a search literally", async () => {
    await createSession(db, { prompt: "100% pure", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    expect((await listSessions(db, "100%")).sessions.map((s) => s.prompt)).toEqual(["100% pure"]);
    expect((await listSessions(db, "1_0")).sessions).toEqual([]);
  });

  it("renames, deletes (rounds too), and answers false for unknown ids", async () => {
    const id = await createSession(db, { prompt: "to delete", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    await saveRound(db, id, round(1, 5));
    expect(await updateSession(db, id, { title: "Renamed" })).toBe(true);
    expect((await getSession(db, id))?.title).toBe("Renamed");
    expect(await deleteSession(db, id)).toBe(true);
    expect(await getSession(db, id)).toBeNull();
    expect(await deleteSession(db, id)).toBe(false);
    expect(await updateSession(db, "nope", { title: "x" })).toBe(false);
    expect(await saveRound(db, "nope", round(1, 5))).toBe(false);
  });

  it("forks rounds 1..N into a paused session and exports/imports a session exactly", async () => {
    const id = await createSession(db, { prompt: "fork me", settings: { ...DEFAULT_SETTINGS, maxRefinements: 2 }, engine: "builtin", model: "m" });
    for (const r of [round(1, 4), round(2, 7), round(3, 9.6)]) await saveRound(db, id, r);
    const forkId = await forkSession(db, id, 2);
    const fork = await getSession(db, forkId ?? "");
    expect(fork?.rounds.map((r) => r.index)).toEqual([1, 2]);
    expect(fork).toMatchObject({ status: "paused", forkedFromId: id, forkedFromRound: 2, settings: { maxRefinements: 2 } });
    expect(await forkSession(db, id, 9)).toBeNull();

    const exported = await exportSession(db, id);
    expect(sessionExportSchema.safeParse(JSON.parse(JSON.stringify(exported))).success).toBe(true);
    const importedId = await importSession(db, sessionExportSchema.parse(exported));
    const imported = await getSession(db, importedId);
    expect(imported?.rounds).toEqual((await getSession(db, id))?.rounds);
    expect(imported?.prompt).toBe("fork me");
    expect(imported?.id).not.toBe(id);
  });

  it("lists studio sessions apart from batch items, which name their job; a search covers both", async () => {
    const tag = `zebra-${Date.now()}`;
    const studio = await createSession(db, { prompt: `${tag} studio`, settings: DEFAULT_SETTINGS, engine: "builtin", model: "m" });
    const item = await createSession(db, { prompt: `${tag} item`, settings: DEFAULT_SETTINGS, engine: "builtin", model: "m" });
    const run = { generator: { model: "m", server: "builtin" }, critic: { model: "m", server: "builtin" } };
    const jobId = await createBatchJob(db, {
      name: "zebras.csv",
      settings: DEFAULT_SETTINGS,
      concurrency: 1,
      engine: "builtin",
      model: "m",
      run,
      items: [{ id: "z1", desc: `${tag} item` }],
    });
    await updateBatchItem(db, jobId, "z1", { sessionId: item, status: "running" });

    const ids = async (source: "studio" | "batch" | "all") => (await listSessions(db, tag, 50, null, source)).sessions.map((s) => s.id);
    expect(await ids("studio")).toEqual([studio]);
    expect(await ids("batch")).toEqual([item]);
    expect((await ids("all")).sort()).toEqual([studio, item].sort());
    const [listed] = (await listSessions(db, tag, 50, null, "batch")).sessions;
    expect(listed.batch).toEqual({ jobId, jobName: "zebras.csv", itemId: "z1" });
    expect((await listSessions(db, tag, 50, null, "studio")).sessions[0].batch).toBeNull();

    // While the item runs, the job's page shows its latest round that has a drawing, scored or not.
    const page = async () => (await listBatchItems(db, jobId, { sort: "id", filter: "all", offset: 0, limit: 10 })).items[0];
    expect((await page()).latestRound).toBeNull();
    await saveRound(db, item, round(1, 7.5));
    expect((await page()).latestRound).toEqual({ index: 1, svg: round(1, 7.5).svg, score: 7.5 });
    await saveRound(db, item, round(2, null, { phase: "critiquing", error: null, critique: null, critiqueText: "" }));
    expect((await page()).latestRound).toEqual({ index: 2, svg: round(2, null).svg, score: null });
  });
});
