/**
 * What is wrong with a value the user typed, said by the field it is in. A value out of range
 * is never changed silently (clamped, cut): the field keeps what was typed, says what is allowed,
 * and what it would start (Generate, Start batch) is disabled with the reason beside it.
 */
import { LIMITS } from "../http/limits";

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  /** Whole numbers only (rounds, items in flight). */
  integer?: boolean;
}

/** Why `text` is not an acceptable value for the field, or null when it is. */
export function numberFieldProblem(text: string, rule: NumberRule): string | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return `${rule.label} needs a number from ${rule.min} to ${rule.max}.`;
  if (rule.integer && !Number.isInteger(value)) return `${rule.label} must be a whole number (${trimmed} is not).`;
  if (value < rule.min || value > rule.max) return `${rule.label} must be from ${rule.min} to ${rule.max} (${trimmed} is not).`;
  return null;
}

const count = (n: number) => n.toLocaleString("en-US");

/** Why the prompt cannot be generated from, or null. */
export function promptProblem(prompt: string): string | null {
  if (prompt.trim() === "") return "Type a prompt (or pick an example) to generate.";
  const over = prompt.length - LIMITS.promptChars;
  if (over > 0) {
    return `The prompt is ${count(prompt.length)} characters long; at most ${count(LIMITS.promptChars)} are sent. Shorten it by ${count(over)} character${over === 1 ? "" : "s"} to generate.`;
  }
  return null;
}
