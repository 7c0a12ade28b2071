import { describe, expect, it } from "vitest";
import { parseCritique, readPartialCritique } from "./critique-parser";
import { criticRecords } from "../../test/support/train-examples";

const GOOD = { score: 7.5, critique: "Clean shapes.", suggestions: "1. Darken the outline.\n2. Centre the icon." };

function expectError(text: string, pattern: RegExp): void {
  let result: ReturnType<typeof parseCritique> | undefined;
  expect(() => {
    result = parseCritique(text);
  }).not.toThrow();
  expect(result?.ok).toBe(false);
  if (result && !result.ok) expect(result.error).toMatch(pattern);
}

describe("parseCritique on the training records", () => {
  it.each(criticRecords())("$label parses", ({ assistant }) => {
    const result = parseCritique(assistant);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const raw = JSON.parse(assistant) as { score: number; critique: string; suggestions: string };
    expect(result.value).toEqual({ score: raw.score, critique: raw.critique, suggestions: raw.suggestions });
    expect(result.value.score).toBeGreaterThanOrEqual(0);
    expect(result.value.score).toBeLessThanOrEqual(10);
    expect(result.value.critique.length).toBeGreaterThan(0);
  });
});

describe("parseCritique on other shapes of answer", () => {
  it("reads a ```json fenced block, ignoring braces outside it", () => {
    const text = "Here is my review {draft 1}:\n```json\n" + JSON.stringify(GOOD, null, 2) + "\n```\nHope it helps {really}.";
    expect(parseCritique(text)).toEqual({ ok: true, value: GOOD });
  });

  it("reads an uppercase ```JSON fence without a newline", () => {
    expect(parseCritique("```JSON" + JSON.stringify(GOOD) + "```")).toEqual({ ok: true, value: GOOD });
  });

  it("reads JSON surrounded by prose (first { to last })", () => {
    const text = `Sure! My assessment:\n${JSON.stringify(GOOD)}\nLet me know if you need more.`;
    expect(parseCritique(text)).toEqual({ ok: true, value: GOOD });
  });

  it("accepts a score given as a numeric string and converts it", () => {
    const result = parseCritique(JSON.stringify({ ...GOOD, score: " 8.25 " }));
    expect(result).toEqual({ ok: true, value: { ...GOOD, score: 8.25 } });
  });

  it("accepts the bounds 0 and 10", () => {
    expect(parseCritique(JSON.stringify({ ...GOOD, score: 0 }))).toMatchObject({ ok: true, value: { score: 0 } });
    expect(parseCritique(JSON.stringify({ ...GOOD, score: 10 }))).toMatchObject({ ok: true, value: { score: 10 } });
  });

  it("reports a missing score", () => {
    expectError(JSON.stringify({ critique: "x", suggestions: "y" }), /no "score"/);
  });

  it("reports a missing critique or suggestions", () => {
    expectError(JSON.stringify({ score: 5, suggestions: "y" }), /no "critique"/);
    expectError(JSON.stringify({ score: 5, critique: "x" }), /no "suggestions"/);
  });

  it("reports a critique or suggestions that is not a string", () => {
    expectError(JSON.stringify({ score: 5, critique: "x", suggestions: ["1. a", "2. b"] }), /"suggestions" is not a string/);
    expectError(JSON.stringify({ score: 5, critique: null, suggestions: "y" }), /"critique" is not a string/);
  });

  it("reports a score outside 0–10", () => {
    expectError(JSON.stringify({ ...GOOD, score: 10.5 }), /outside 0–10/);
    expectError(JSON.stringify({ ...GOOD, score: -1 }), /outside 0–10/);
    expectError(JSON.stringify({ ...GOOD, score: "85" }), /85.*outside 0–10/);
  });

  it("reports a non-numeric score", () => {
    expectError(JSON.stringify({ ...GOOD, score: "high" }), /score is not a number: "high"/);
    expectError(JSON.stringify({ ...GOOD, score: "" }), /score is not a number/);
    expectError(JSON.stringify({ ...GOOD, score: true }), /score is not a number: true/);
    expectError(JSON.stringify({ ...GOOD, score: null }), /score is not a number: null/);
    expectError(JSON.stringify({ ...GOOD, score: [7] }), /score is not a number/);
  });

  it("reports JSON that is not an object", () => {
    expectError("```json\n[1, 2, 3]\n```", /not an object/);
    expectError('```json\n"just a string"\n```', /not an object/);
    expectError("```json\nnull\n```", /not an object/);
  });

  it("reports invalid JSON with the parser's reason", () => {
    expectError('{"score": 7, "critique": "unterminated}', /not valid JSON: .+/);
    expectError("{score: 7}", /not valid JSON/);
  });

  it("reports text with no JSON object", () => {
    expectError("", /no JSON object/);
    expectError("The draft looks fine, 8/10.", /no JSON object/);
    expectError("} backwards {", /no JSON object/);
  });
});

describe("readPartialCritique while the critique streams", () => {
  const full = criticRecords()[0].assistant;
  const parsed = parseCritique(full);
  if (!parsed.ok) throw new Error(parsed.error);

  it("returns a score once its number is complete and critique text that only grows", () => {
    const scoreEnd = full.indexOf(",", full.indexOf('"score"'));
    let previous = "";
    let sawCritique = false;
    for (let n = 0; n <= full.length; n++) {
      const partial = readPartialCritique(full.slice(0, n));
      if (n <= scoreEnd) {
        // "4." or "4" alone could still become "4.5" or "45": not shown yet.
        expect(partial.score).toBeUndefined();
      } else {
        expect(partial.score).toBe(parsed.value.score);
      }
      if (partial.critique !== undefined) {
        sawCritique = true;
        expect(partial.critique.startsWith(previous)).toBe(true);
        expect(parsed.value.critique.startsWith(partial.critique)).toBe(true);
        previous = partial.critique;
      } else {
        expect(sawCritique).toBe(false);
      }
    }
    expect(previous).toBe(parsed.value.critique);
  });

  it("decodes JSON escapes and never shows half an escape", () => {
    const critique = 'Line one\nsaid "hi"\tand \\ then \u00e9 done';
    // JSON.stringify leaves "é" raw; write it as a \u escape, as Python's json.dumps does.
    const text = JSON.stringify({ score: 6, critique, suggestions: "1. x" }).replace("é", "\\u00e9");
    expect(text).toContain("\\u00e9");
    let previous = "";
    for (let n = 0; n <= text.length; n++) {
      const partial = readPartialCritique(text.slice(0, n));
      if (partial.critique === undefined) continue;
      expect(partial.critique.startsWith(previous)).toBe(true);
      expect(critique.startsWith(partial.critique)).toBe(true);
      previous = partial.critique;
    }
    expect(previous).toBe(critique);
  });

  it("reads a quoted numeric score and returns nothing for text without fields", () => {
    expect(readPartialCritique('{"score": "7.5",')).toEqual({ score: 7.5 });
    expect(readPartialCritique("")).toEqual({});
    expect(readPartialCritique("thinking…")).toEqual({});
  });
});
