/** Sessions keep their profile and the session they compare with; rounds keep the designer's notes. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionExportSchema } from "../contract/session-contract";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { makeRound } from "../../test/support/loop-builders";
import { openDatabase, type Database } from "./database";
import { createSession, exportSession, forkSession, getSession, importSession, listSessions, saveRound } from "./session-store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-db-profiles-"));
let db: Database;

beforeAll(async () => {
  db = await openDatabase(`file:${path.join(dir, "test.db")}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("profile, link and notes columns", () => {
  it("a session stores its profile (from its settings) and the session it was linked from", async () => {
    const left = await createSession(db, { prompt: "a red kite", settings: DEFAULT_SETTINGS, engine: "builtin", model: null });
    const right = await createSession(db, {
      prompt: "a red kite",
      settings: { ...DEFAULT_SETTINGS, profile: "chat" },
      engine: "builtin",
      model: null,
      linkedFromId: left,
    });
    expect(await getSession(db, left)).toMatchObject({ profile: "intro-svg", linkedFromId: null });
    expect(await getSession(db, right)).toMatchObject({ profile: "chat", linkedFromId: left, settings: { profile: "chat" } });
    expect((await listSessions(db, "red kite")).sessions.map((s) => s.profile).sort()).toEqual(["chat", "intro-svg"]);
  });

  it("a notes round keeps its notes through save, fork, export and import", async () => {
    const id = await createSession(db, { prompt: "p", settings: { ...DEFAULT_SETTINGS, profile: "internsvg-8b" }, engine: "builtin", model: null });
    const notes = makeRound(2, { kind: "notes", sourceIndex: 1, notes: "1. make it red" });
    await saveRound(db, id, makeRound(1));
    await saveRound(db, id, notes);
    expect((await getSession(db, id))?.rounds[1]).toEqual(notes);
    const fork = await forkSession(db, id, 2);
    expect(await getSession(db, fork!)).toMatchObject({ profile: "internsvg-8b", rounds: [{ notes: null }, { kind: "notes", notes: "1. make it red" }] });
    const exported = await exportSession(db, id);
    expect(exported?.session.profile).toBe("internsvg-8b");
    const imported = await importSession(db, sessionExportSchema.parse(JSON.parse(JSON.stringify(exported))));
    expect(await getSession(db, imported)).toMatchObject({ profile: "internsvg-8b", rounds: [{ notes: null }, { notes: "1. make it red" }] });
  });
});
