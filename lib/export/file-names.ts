/** File names derived from untrusted text (prompts, titles), safe on every file system. */
import { isCandidateEntry } from "../loop/candidates";
import type { Round } from "../loop/loop-types";

/** A short, filesystem-safe name from a prompt. */
export function fileSlug(prompt: string): string {
  const slug = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "icon";
}

/** A round's part of a file name: "round-3", or "candidate-2" for a candidate of the draft step. */
export function roundFileStem(round: Round): string {
  return isCandidateEntry(round) ? `candidate-${round.candidate}` : `round-${round.index}`;
}
