/**
 * The migrations as a studio running an earlier release left them: a database made by
 * 0000–0004 (what `main` shipped before candidates), with a session and a round in it, opened by
 * this release. 0005_candidates adds the candidates table and round 1's candidate column, and
 * the rows that were there read back unchanged.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { newCandidate } from "../loop/candidates";
import { openDatabase } from "./database";
import { listCandidates, saveCandidate } from "./candidate-store";
import { getSession } from "./session-store";

const MIGRATIONS = path.join(__dirname, "migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-migrations-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was up to (and with) `lastTag`. */
function migrationsUpTo(lastTag: string): string {
  const folder = path.join(dir, `upto-${lastTag}`);
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  const entries = journal.entries.slice(0, last + 1);
  for (const e of entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

describe("the migrations", () => {
  it("are numbered in order, one file each, 0006_batch_item_session last", () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
      entries: { idx: number; tag: string; when: number }[];
    };
    expect(journal.entries.map((e) => e.tag)).toEqual([
      "0000_initial",
      "0001_profile_and_notes",
      "0002_batch_jobs",
      "0003_run_record",
      "0004_image_match",
      "0005_candidates",
      "0006_batch_item_session",
    ]);
    journal.entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      expect(e.tag.startsWith(String(i).padStart(4, "0"))).toBe(true);
      if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1].when);
    });
    const files = fs
      .readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
    const snapshots = fs
      .readdirSync(path.join(MIGRATIONS, "meta"))
      .filter((f) => f.endsWith("_snapshot.json"))
      .sort();
    expect(snapshots).toEqual(journal.entries.map((e) => `${e.tag.slice(0, 4)}_snapshot.json`));
  });

  it("upgrade a database made by 0000–0004: the candidates come in, the session and its round stay", async () => {
    const url = `file:${path.join(dir, "before-candidates.db")}`;
    const client = createClient({ url });
    await migrate(drizzle(client), { migrationsFolder: migrationsUpTo("0004_image_match") });
    const now = Date.now();
    await client.execute({
      sql: "INSERT INTO sessions (id, title, prompt, settings, status, engine, created_at, updated_at) VALUES (?, ?, ?, ?, 'done', 'builtin', ?, ?)",
      args: ["s-old", "a kite", "a kite", JSON.stringify(DEFAULT_SETTINGS), now, now],
    });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
    await client.execute({
      sql: "INSERT INTO rounds (session_id, round_index, kind, phase, model_text, svg, critique_text, created_at, updated_at) VALUES ('s-old', 1, 'draft', 'done', ?, ?, '', ?, ?)",
      args: [svg, svg, now, now],
    });
    expect((await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'candidates'")).rows).toHaveLength(0);
    client.close();

    const db = await openDatabase(url);
    const columns = (await db.$client.execute("PRAGMA table_info(rounds)")).rows.map((r) => r.name);
    expect(columns).toContain("candidate");
    expect(columns).toContain("match_ssim");
    // And the batch items' session index (the history's studio/batch filter looks items up by session).
    expect((await db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'batch_items_session'")).rows).toHaveLength(1);
    const session = await getSession(db, "s-old");
    expect(session?.prompt).toBe("a kite");
    expect(session?.rounds.map((r) => [r.index, r.kind, r.svg, r.candidate])).toEqual([[1, "draft", svg, undefined]]);
    expect(session?.candidates ?? []).toEqual([]);
    // The new table takes candidates for the old session.
    expect(await saveCandidate(db, "s-old", newCandidate(1, 7))).toBe(true);
    expect((await listCandidates(db, "s-old")).map((c) => [c.candidate, c.seed])).toEqual([[1, 7]]);
    // Opening it again applies nothing twice.
    db.$client.close();
    const again = await openDatabase(url);
    expect((await again.$client.execute("SELECT count(*) AS n FROM __drizzle_migrations")).rows[0].n).toBe(7);
    again.$client.close();
  });
});
