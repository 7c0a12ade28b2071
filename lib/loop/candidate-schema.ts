/**
 * A candidate: one of the several drafts asked for at once (settings.candidates > 1), a round of
 * its own (generated, rendered, critiqued) with the seed it was sampled with. Its `candidate`
 * says which one it is (1-based); the one chosen becomes round 1 of the session.
 */
import { z } from "zod";
import { SEED_MAX } from "./loop-limits";
import { roundSchema } from "./loop-schema";

export const candidateSchema = roundSchema.extend({
  candidate: z.number().int().min(1).max(8),
  seed: z.number().int().min(0).max(SEED_MAX),
});

export type Candidate = z.infer<typeof candidateSchema>;
