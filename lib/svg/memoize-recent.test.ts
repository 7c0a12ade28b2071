import { describe, expect, it } from "vitest";
import { memoizeRecent } from "./memoize-recent";

describe("memoizeRecent", () => {
  it("computes each input once while it stays among the recent ones", () => {
    let calls = 0;
    const upper = memoizeRecent((s: string) => {
      calls++;
      return s.toUpperCase();
    }, 2);
    expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
    expect(calls).toBe(2);
    upper("c"); // evicts "b", the least recently used
    upper("a");
    expect(calls).toBe(3);
    upper("b");
    expect(calls).toBe(4);
  });
});
