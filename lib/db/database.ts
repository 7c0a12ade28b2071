/**
 * Opens the SQLite database once per server process and brings its schema up to date.
 * Default: a file under ./data (created on first use); DATABASE_URL puts it elsewhere
 * (`file:/path/studio.db`, or a libsql URL).
 */
import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import fs from "node:fs";
import path from "node:path";
import { studioConfig, type StudioConfig } from "../config/studio-config";
import * as schema from "./schema";

export type Database = ReturnType<typeof drizzle<typeof schema>>;

const MIGRATIONS = path.join(process.cwd(), "lib", "db", "migrations");

export function databaseUrl(config: Pick<StudioConfig, "database"> = studioConfig()): string {
  return config.database.url ?? `file:${path.join(process.cwd(), "data", "studio.db")}`;
}

/**
 * Connections in the client's pool. Reads borrow one for a synchronous call; only a transaction
 * holds one across awaits, and writes take turns (write-lock.ts), so two would do.
 */
const CONNECTIONS = 4;

/**
 * Runs `statements` on every connection the pool will ever open. The pragmas are per connection,
 * and libsql opens a new connection, with SQLite's defaults, whenever one is busy: under load
 * (a read while a save's transaction is open) most saves ended up on connections with
 * synchronous=FULL, each commit an fsync on the event loop (2 s of the server's profile with 48
 * people and a batch job). A connection held by an open transaction cannot take the pragmas,
 * so each is configured first and then held by a deferred transaction (no lock taken), which
 * makes the pool open the next; all are released at the end.
 */
export async function configureEveryConnection(client: Client, statements: readonly string[], connections = CONNECTIONS): Promise<void> {
  const held: Transaction[] = [];
  try {
    for (let i = 0; i < connections; i++) {
      for (const statement of statements) await client.execute(statement);
      if (i < connections - 1) held.push(await client.transaction("deferred"));
    }
  } finally {
    for (const tx of held) tx.close();
  }
}

export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const client = createClient({ url, concurrency: CONNECTIONS });
  // WAL keeps readers and the writer apart; each committed round survives a killed server.
  // synchronous=NORMAL is SQLite's advice for WAL: a commit no longer waits for an fsync (a
  // round's save took 3 ms, now 1.2 ms); a killed process still loses nothing committed, only
  // the machine losing power can drop the last commits.
  const perConnection = ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"];
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
    perConnection.unshift("PRAGMA synchronous = NORMAL");
  }
  // An in-memory database or a remote one has a single connection.
  const pooled = url.startsWith("file:") && !url.includes(":memory:");
  await configureEveryConnection(client, perConnection, pooled ? CONNECTIONS : 1);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

let opened: Promise<Database> | null = null;

export function getDatabase(): Promise<Database> {
  opened ??= openDatabase(databaseUrl()).catch((e) => {
    opened = null;
    throw e;
  });
  return opened;
}
