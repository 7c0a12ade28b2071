import { describe, expect, it } from "vitest";
import { answerLetter, answerLine, pythonJson, resultLine, svgFileOf } from "./internsvg-layout";
import { EDIT_SUFFIX, parseSarenaJsonl, SarenaInputError } from "./sarena-records";

describe("InternSVG's layout", () => {
  it("writes lines as Python's json.dumps does (separators, ensure_ascii)", () => {
    // json.dumps({'id': 3, 'answer': 'é "x"\n😀'}) in Python 3:
    expect(answerLine(3, 'é "x"\n😀')).toBe('{"id": 3, "answer": "\\u00e9 \\"x\\"\\n\\ud83d\\ude00"}\n');
    // the understanding file's sorted rewrite: ensure_ascii=False
    expect(resultLine(0, "é")).toBe('{"id": 0, "result": "é"}\n');
    expect(pythonJson({ a: [1, 2.5, true, null] })).toBe('{"a": [1, 2.5, true, null]}');
  });

  it("keeps a whole <svg> only (a cut-off answer has no file)", () => {
    expect(svgFileOf('Here:\n```svg\n<svg viewBox="0 0 2 2"><svg/></svg>\n```')).toBe('<svg viewBox="0 0 2 2"><svg/></svg>');
    expect(svgFileOf('<svg viewBox="0 0 2 2"><path d="M0')).toBeNull();
    expect(svgFileOf("no drawing")).toBeNull();
  });

  it("reads a multiple-choice answer's letter, or X", () => {
    expect(answerLetter("B")).toBe("B");
    expect(answerLetter("C. Red")).toBe("C");
    expect(answerLetter("(A) Green")).toBe("A");
    expect(answerLetter("**D**")).toBe("D");
    expect(answerLetter("The answer is A.")).toBe("A");
    expect(answerLetter("I think option c fits best")).toBe("C");
    expect(answerLetter("I cannot tell from the code.")).toBe("X");
    expect(answerLetter("A. or B.?")).toBe("A");
    expect(answerLetter("")).toBe("X");
  });
});

describe("SArena records", () => {
  it("reads the question, image and Subject, and refuses a bad file by line", () => {
    const text = [
      JSON.stringify({
        id: 4,
        image: "images/4.png",
        Subject: "Color",
        conversations: [
          { from: "human", value: "Q?" },
          { from: "gpt", value: "B. x" },
        ],
      }),
      "",
      JSON.stringify({ id: 5, conversations: [{ from: "human", value: "Q2" }] }),
    ].join("\n");
    expect(parseSarenaJsonl(text, "t.jsonl")).toEqual([
      { id: 4, question: "Q?", answer: "B. x", image: "images/4.png", subject: "Color" },
      { id: 5, question: "Q2", answer: null, image: null, subject: null },
    ]);
    expect(() => parseSarenaJsonl('{"id": 1, "conversations": [{"value": "a"}]}\n{"id": 1, "conversations": [{"value": "b"}]}', "d.jsonl")).toThrow(
      /d\.jsonl: line 2: id 1 repeats line 1/,
    );
    expect(() => parseSarenaJsonl('{"id": "../x", "conversations": [{"value": "a"}]}', "e.jsonl")).toThrow(SarenaInputError);
    expect(() => parseSarenaJsonl("{oops", "f.jsonl")).toThrow(/f\.jsonl: line 1: not JSON/);
    expect(EDIT_SUFFIX).toBe("Only output the svg code, no other text.");
  });
});
