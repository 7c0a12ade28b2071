/**
 * The loop's numeric limits, kept apart from the zod schemas that enforce them: the browser's
 * code needs the numbers (the Candidates field, the seeds it picks) and importing them from a
 * schema module put all of zod (~50 kB gzipped) in the studio's first load.
 */

/** Most drafts asked for at once (the "Candidates" setting, lib/loop/candidates.ts). */
export const CANDIDATES_MAX = 8;

/** The `seed` sent upstream (lmdeploy and vLLM take a 32-bit seed). */
export const SEED_MAX = 2 ** 31 - 1;
