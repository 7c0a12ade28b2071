/**
 * Every connection of the pool runs with the studio's pragmas: a save's transaction held open
 * while reads and other transactions come in (as under load) never lands on a connection with
 * SQLite's defaults (synchronous=FULL: an fsync on the event loop at every commit).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("openDatabase", () => {
  it("sets synchronous=NORMAL, foreign keys and the busy timeout on every connection, busy or not", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "studio-db-"));
    dirs.push(dir);
    const db = await openDatabase(`file:${path.join(dir, "studio.db")}`);
    const client = db.$client;
    // Hold three connections in transactions; each reports its own settings, and so does the fourth.
    const txs = [await client.transaction("deferred"), await client.transaction("deferred"), await client.transaction("deferred")];
    const seen = [];
    for (const tx of txs)
      seen.push({
        ...(await tx.execute("PRAGMA synchronous")).rows[0],
        ...(await tx.execute("PRAGMA foreign_keys")).rows[0],
        ...(await tx.execute("PRAGMA busy_timeout")).rows[0],
      });
    seen.push({
      ...(await client.execute("PRAGMA synchronous")).rows[0],
      ...(await client.execute("PRAGMA foreign_keys")).rows[0],
      ...(await client.execute("PRAGMA busy_timeout")).rows[0],
    });
    for (const tx of txs) tx.close();
    expect(seen).toHaveLength(4);
    for (const s of seen) expect({ ...s }).toEqual({ synchronous: 1, foreign_keys: 1, timeout: 5000 });
    expect((await db.run(sql`PRAGMA journal_mode`)).rows[0]).toMatchObject({ journal_mode: "wal" });
  });
});
