import { describe, expect, it } from "vitest";
import { LIMITS } from "../http/limits";
import { numberFieldProblem, promptProblem } from "./field-problems";

const ROUNDS = { label: "Max refinements", min: 0, max: 10, integer: true };

describe("field problems", () => {
  it("says what a number field allows instead of changing the value", () => {
    expect(numberFieldProblem("-2", ROUNDS)).toBe("Max refinements must be from 0 to 10 (-2 is not).");
    expect(numberFieldProblem("15", { label: "Score threshold", min: 0, max: 10 })).toBe("Score threshold must be from 0 to 10 (15 is not).");
    expect(numberFieldProblem("2.5", ROUNDS)).toBe("Max refinements must be a whole number (2.5 is not).");
    expect(numberFieldProblem("", ROUNDS)).toBe("Max refinements needs a number from 0 to 10.");
    expect(numberFieldProblem("3", ROUNDS)).toBeNull();
    expect(numberFieldProblem("9.5", { label: "Score threshold", min: 0, max: 10 })).toBeNull();
  });

  it("says why a prompt cannot be generated from: empty, or over the limit (never cut)", () => {
    expect(promptProblem("  ")).toBe("Type a prompt (or pick an example) to generate.");
    expect(promptProblem("a".repeat(LIMITS.promptChars))).toBeNull();
    expect(promptProblem("a".repeat(LIMITS.promptChars + 1))).toBe(
      "The prompt is 2,001 characters long; at most 2,000 are sent. Shorten it by 1 character to generate.",
    );
  });
});
