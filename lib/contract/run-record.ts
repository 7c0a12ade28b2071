/**
 * What a run records about who wrote and who judged it: each role's model and the origin of the
 * server it ran on (scheme, host and port; "builtin" for the studio's own engine, however it was
 * reached). Sessions, batch jobs, a CLI run's report.json and every item record carry the same
 * record, made in one place (lib/profiles/resolve-run.ts).
 */
import { z } from "zod";
import { LIMITS } from "../http/limits";

export const BUILTIN_SERVER = "builtin";

export const roleRecordSchema = z.object({
  /** null: the server's first listed model, not yet known when the run started. */
  model: z.string().max(LIMITS.modelIdChars).nullable(),
  server: z.string().max(300),
});

export const runRecordSchema = z.object({
  generator: roleRecordSchema,
  /** null: the profile has no critic (a single pass). */
  critic: roleRecordSchema.nullable(),
});

export type RoleRecord = z.infer<typeof roleRecordSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
