import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_PROMPT_ID_LENGTH, parsePromptsCsv, PromptsCsvError, unsafePromptIdReason, type PromptsCsvErrorCode } from "./prompts-csv";
import { EXAMPLE_PROMPTS_CSV } from "../../test/support/example-prompts";

/** The error parsePromptsCsv throws for `text`. */
function errorOf(text: string): PromptsCsvError {
  try {
    parsePromptsCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PromptsCsvError);
    return error as PromptsCsvError;
  }
  throw new Error("parsePromptsCsv accepted the text");
}

function expectError(text: string, code: PromptsCsvErrorCode, line: number | null, message: string | RegExp) {
  const error = errorOf(text);
  expect(error.code).toBe(code);
  expect(error.line).toBe(line);
  expect(error.name).toBe("PromptsCsvError");
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

describe("parsePromptsCsv: reading", () => {
  it("reads id,desc rows", () => {
    expect(parsePromptsCsv("id,desc\na,a red kite\nb,a blue bell\n")).toEqual([
      { id: "a", desc: "a red kite" },
      { id: "b", desc: "a blue bell" },
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, verbatim", () => {
    const text = 'id,desc\n1,"a kite, red"\n2,"say ""hi""\nthen wave"\n3,"two\r\nlines"\n4,  spaced  \n';
    expect(parsePromptsCsv(text)).toEqual([
      { id: "1", desc: "a kite, red" },
      { id: "2", desc: 'say "hi"\nthen wave' },
      { id: "3", desc: "two\r\nlines" },
      { id: "4", desc: "  spaced  " },
    ]);
  });

  it("accepts a UTF-8 BOM and CRLF line ends, mixed with LF", () => {
    expect(parsePromptsCsv("\ufeffid,desc\r\nx,first\r\ny,second\nz,third")).toEqual([
      { id: "x", desc: "first" },
      { id: "y", desc: "second" },
      { id: "z", desc: "third" },
    ]);
  });

  it("finds the columns by name, in any order, and ignores the others", () => {
    expect(parsePromptsCsv("style,desc,id,notes\nflat,a red kite,k1,\nline,a bell,k2,ok\n")).toEqual([
      { id: "k1", desc: "a red kite" },
      { id: "k2", desc: "a bell" },
    ]);
  });

  it("skips blank lines and reads a header alone as no prompts", () => {
    expect(parsePromptsCsv("id,desc\n\na,one\r\n\r\n\nb,two\n\n")).toEqual([
      { id: "a", desc: "one" },
      { id: "b", desc: "two" },
    ]);
    expect(parsePromptsCsv("id,desc\n")).toEqual([]);
  });

  it("keeps non-ASCII text", () => {
    expect(parsePromptsCsv('id,desc\ncafé-1,"un café ☕, chaud"\n')).toEqual([{ id: "café-1", desc: "un café ☕, chaud" }]);
  });
});

describe("parsePromptsCsv: malformed CSV", () => {
  it("reports an unclosed quote with csv-parse's line", () => {
    const error = errorOf('id,desc\na,fine\nb,"never closed\nc,more\n');
    expect(error.code).toBe("malformed");
    expect(error.line).toBe(4);
    expect(error.message).toMatch(
      /^line 4: malformed CSV: Quote Not Closed: .* at line 4 \(the record starting on line 3 opens a quote that is never closed\)$/,
    );
  });

  it("reports a quote inside an unquoted field", () => {
    expectError('id,desc\na,fine\nb,a "kite"\n', "malformed", 3, /^line 3: malformed CSV: Invalid Opening Quote\b/);
  });

  it("reports text after a closing quote", () => {
    expectError('id,desc\na,"kite" red\n', "malformed", 2, /^line 2: malformed CSV: Invalid Closing Quote\b/);
  });

  it("reports a record with more or fewer fields than the header", () => {
    expectError("id,desc\na,one\nb,two,three\n", "malformed", 3, /^line 3: malformed CSV: Invalid Record Length: expect 2, got 3\b/);
    expectError("id,desc\na\n", "malformed", 2, /^line 2: malformed CSV: Invalid Record Length: expect 2, got 1\b/);
  });
});

describe("parsePromptsCsv: header", () => {
  it("refuses empty input", () => {
    expectError("", "header", 1, "line 1: no header line: expected columns id,desc");
    expectError("\ufeff\n\n", "header", 1, "line 1: no header line: expected columns id,desc");
  });

  it("names a missing id or desc column", () => {
    expectError("id,prompt\na,b\n", "header", 1, "line 1: the header has no 'desc' column (found 'id', 'prompt')");
    expectError("name,desc\na,b\n", "header", 1, "line 1: the header has no 'id' column (found 'name', 'desc')");
    expectError("a red kite\n", "header", 1, "line 1: the header has no 'id' or 'desc' column (found 'a red kite')");
  });

  it("refuses a header naming id or desc twice", () => {
    expectError("id,desc,id\na,b,c\n", "header", 1, "line 1: the header names the 'id' column twice");
  });

  it("counts the header's line after leading blank lines", () => {
    expectError("\n\nid,text\na,b\n", "header", 3, /^line 3: the header has no 'desc' column/);
  });
});

describe("parsePromptsCsv: rows", () => {
  // Line 1 header, 2 blank, 3–4 one record spanning two lines, 5 CRLF record, 6 blank.
  const before = 'id,desc\n\np1,"two\nlines"\r\np2,plain\r\n\n';

  it("names the line of an empty desc or id, counting blank and multi-line records", () => {
    expectError(`${before}p3,\n`, "empty-field", 7, "line 7: desc is empty");
    expectError(`${before}p3,"   "\n`, "empty-field", 7, "line 7: desc is empty");
    expectError(`${before},a kite\n`, "empty-field", 7, "line 7: id is empty");
    expectError(`${before}"",a kite\n`, "empty-field", 7, "line 7: id is empty");
  });

  it("names a repeated id and the line it first appeared on", () => {
    const text = 'id,desc\na,one\nb,two\nx,first x\n"y","multi\nline"\nc,three\nd,four\nx,second x\n';
    expectError(text, "duplicate-id", 9, "line 9: id 'x' repeats line 4");
  });

  it.each([
    ["a/b", "contains a path separator"],
    ["a\\b", "contains a path separator"],
    ["/abs", "contains a path separator"],
    ["..", "contains '..'"],
    ["a..b", "contains '..'"],
    ["tab\there", "contains a control character"],
    ["nul\u0000", "contains a control character"],
    ["del\u007f", "contains a control character"],
  ])("refuses the id %j: %s", (id, reason) => {
    const quoted = `"${id.replaceAll('"', '""')}"`;
    expectError(
      `id,desc\nok,fine\n${quoted},a kite\n`,
      "unsafe-id",
      3,
      `line 3: id ${`'${JSON.stringify(id).slice(1, -1)}'`} ${reason}; ids become file names`,
    );
  });

  it("refuses an id with a line break, on the line the record starts", () => {
    expectError('id,desc\n"two\nlines",a kite\n', "unsafe-id", 2, "line 2: id 'two\\nlines' contains a control character; ids become file names");
  });

  it(`accepts ids up to ${MAX_PROMPT_ID_LENGTH} characters and refuses longer ones`, () => {
    const longest = "é".repeat(MAX_PROMPT_ID_LENGTH);
    expect(parsePromptsCsv(`id,desc\n${longest},a kite\n`)).toEqual([{ id: longest, desc: "a kite" }]);
    const error = errorOf(`id,desc\n${longest}x,a kite\n`);
    expect(error.code).toBe("unsafe-id");
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^line 2: id 'é{57}\.\.\.' is 201 characters long \(at most 200\); ids become file names$/);
  });

  it("accepts ordinary ids: uuids, dots, spaces, unicode", () => {
    for (const id of ["52e9a7da-9791-4c47-9227-ef5b7fd807a0", "icon.v2", "red kite", "☕", "."]) {
      expect(unsafePromptIdReason(id), id).toBeNull();
    }
  });
});

describe("the IntroSVG example prompts (fixtures/introsvg/example-prompts.csv)", () => {
  const rows = parsePromptsCsv(readFileSync(EXAMPLE_PROMPTS_CSV, "utf8"));

  it("reads 1,400 prompts with 1,400 unique ids, all safe as file names", () => {
    expect(rows).toHaveLength(1400);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1400);
    expect(rows.filter((r) => unsafePromptIdReason(r.id) !== null)).toEqual([]);
    // The first 200 ids are uuids; the rest are icon names such as "032-heart-rate".
    expect(rows.slice(0, 200).every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r.id))).toBe(true);
    expect(rows.map((r) => r.id)).toContain("032-heart-rate");
  });

  it("keeps the quoted descriptions whole", () => {
    expect(rows[0]).toEqual({ id: "52e9a7da-9791-4c47-9227-ef5b7fd807a0", desc: expect.stringMatching(/^a hand pointing at a computer screen/) });
    expect(rows.filter((r) => r.desc.includes(",")).length).toBeGreaterThan(400);
    expect(rows.some((r) => r.desc.includes('"'))).toBe(true);
    expect(rows.every((r) => r.desc.trim().length > 0 && !r.desc.startsWith('"'))).toBe(true);
  });
});

describe("checkPromptsCsv (the batch page, as a file is chosen)", () => {
  it("gives the prompts, or the message a job's start answers with: the file, the line, what is wrong", async () => {
    const { checkPromptsCsv } = await import("./prompts-csv");
    expect(checkPromptsCsv("ok.csv", "id,desc\na,a kite\nb,a star\n")).toEqual({
      ok: true,
      rows: [
        { id: "a", desc: "a kite" },
        { id: "b", desc: "a star" },
      ],
    });
    expect(checkPromptsCsv("badheader.csv", "name,text\na,a kite\n")).toEqual({
      ok: false,
      message: "badheader.csv: line 1: the header has no 'id' or 'desc' column (found 'name', 'text')",
    });
    expect(checkPromptsCsv("dup.csv", "id,desc\na,a kite\na,a star\n")).toEqual({ ok: false, message: "dup.csv: line 3: id 'a' repeats line 2" });
    expect(checkPromptsCsv("empty.csv", "id,desc\n")).toEqual({ ok: false, message: "empty.csv: The CSV has a header but no prompts." });
  });
});
