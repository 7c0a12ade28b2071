/**
 * The page's jobs keep their items in SQLite: every item is a session (the studio's own tables,
 * saved through the session store as the studio saves its rounds), so it opens at /s/<id> with
 * all its rounds, editable and resumable; batch_items links it to its job and holds its outcome.
 */
import type { Database } from "../db/database";
import { getBatchItem, updateBatchItem } from "../db/batch-store";
import { createSession, getSession, saveRound, updateSession } from "../db/session-store";
import { saveCandidate } from "../db/candidate-store";
import type { SessionPort } from "../loop/loop-ports";
import type { RunRecord } from "../contract/run-record";
import type { BatchItemStore } from "./batch-runner";

export function dbItemStore(db: Database, jobId: string, source: { engine: string; model: string | null; run: RunRecord | null }): BatchItemStore {
  const sessions: SessionPort = {
    create: () => Promise.reject(new Error("Batch items are opened by the store, not created by the loop.")),
    saveRound: async (id, round) => {
      await saveRound(db, id, round);
    },
    saveCandidate: async (id, candidate) => {
      await saveCandidate(db, id, candidate);
    },
    update: async (id, patch) => {
      await updateSession(db, id, patch);
    },
  };

  return {
    sessions,
    async open(item, settings) {
      const row = await getBatchItem(db, jobId, item.id);
      if (!row) throw new Error(`No item ${item.id} in job ${jobId}.`);
      const stored = row.sessionId ? await getSession(db, row.sessionId) : null;
      if (stored) {
        if (stored.status !== "done" && !(stored.status === "failed" && !row.outcome?.error?.transient)) {
          await updateBatchItem(db, jobId, item.id, { status: "running" });
        }
        return {
          loop: stored,
          elapsedMs: row.outcome?.elapsedMs ?? 0,
          transientFailure: row.outcome?.error?.transient ?? false,
        };
      }
      // New (or its session was deleted in the studio): a session of its own, idle until it runs.
      const sessionId = await createSession(db, {
        prompt: item.desc,
        settings,
        engine: source.engine,
        model: source.model,
        run: source.run,
        title: `${item.id} · ${item.desc}`.slice(0, 200),
        status: "idle",
      });
      await updateBatchItem(db, jobId, item.id, { sessionId, status: "running" });
      return {
        loop: { id: sessionId, prompt: item.desc, settings, rounds: [], status: "idle", extraRefinements: 0 },
        elapsedMs: 0,
        transientFailure: false,
      };
    },
    async finish(item, _state, outcome) {
      await updateBatchItem(db, jobId, item.id, { status: outcome.status, outcome });
    },
  };
}
