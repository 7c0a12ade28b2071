/** Queries for a session's candidates (the draft step's several drafts; lib/loop/candidates.ts). */
import { asc, eq } from "drizzle-orm";
import type { Candidate } from "../loop/loop-types";
import type { Database } from "./database";
import { candidates, sessions } from "./schema";
import { serializedWrite } from "./write-lock";

/** Stores a candidate (insert or replace); false when the session does not exist. */
export async function saveCandidate(db: Database, sessionId: string, candidate: Candidate): Promise<boolean> {
  const now = Date.now();
  return serializedWrite(() =>
    db.transaction(async (tx) => {
      const [session] = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, sessionId));
      if (!session) return false;
      const values = { number: candidate.candidate, seed: candidate.seed, score: candidate.critique?.score ?? null, data: candidate, updatedAt: now };
      await tx
        .insert(candidates)
        .values({ ...values, sessionId })
        .onConflictDoUpdate({ target: [candidates.sessionId, candidates.number], set: values });
      await tx.update(sessions).set({ updatedAt: now }).where(eq(sessions.id, sessionId));
      return true;
    }),
  );
}

export async function listCandidates(db: Database, sessionId: string): Promise<Candidate[]> {
  const rows = await db.select({ data: candidates.data }).from(candidates).where(eq(candidates.sessionId, sessionId)).orderBy(asc(candidates.number));
  return rows.map((r) => r.data);
}
