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

const ARTICLE = /^(?:a|an|the)$/;

/**
 * A React component name from a prompt or an id: PascalCase words, a leading article dropped,
 * at most 32 characters at a word boundary, and never starting with a digit ("Icon…").
 */
export function componentName(text: string): string {
  const words = fileSlug(text).split("-").filter(Boolean);
  if (words.length > 1 && ARTICLE.test(words[0])) words.shift();
  let name = "";
  for (const word of words) {
    const next = name + word[0].toUpperCase() + word.slice(1);
    if (name && next.length > 32) break;
    name = next;
  }
  name ||= "Icon";
  return /^\d/.test(name) ? `Icon${name}` : name;
}

/**
 * The stem every download of one round is named from: `a-red-kite-round-2`, or
 * `a-red-kite-candidate-3` for a candidate of the draft step.
 */
export function roundFileStem(prompt: string, round: Round): string {
  return `${fileSlug(prompt)}-${isCandidateEntry(round) ? `candidate-${round.candidate}` : `round-${round.index}`}`;
}
