import { describe, expect, it } from "vitest";
import { countTokens, tokenize, truncateToTokens } from "./tokenize";

describe("tokenize", () => {
  it("cuts text into pieces of at most four characters that join back exactly", () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#1e88e5" d="M12.5 40L160 40"/></svg> ✓ é`;
    const tokens = tokenize(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens.every((t) => t.length >= 1 && [...t].length <= 4)).toBe(true);
    expect(tokens).toContain("svg");
    expect(countTokens(text)).toBe(tokens.length);
  });

  it("never splits a word and its punctuation into the same piece", () => {
    expect(tokenize("ab,cd")).toEqual(["ab", ",", "cd"]);
    expect(tokenize("forklift")).toEqual(["fork", "lift"]);
  });

  it("truncates at a token boundary and says so", () => {
    const cut = truncateToTokens("one two three four", 3);
    expect(cut).toEqual({ text: "one two", tokens: ["one", " ", "two"], truncated: true });
    expect(truncateToTokens("one", 10).truncated).toBe(false);
  });
});
