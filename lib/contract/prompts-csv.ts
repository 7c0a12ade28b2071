/**
 * Reads a prompts CSV for batch runs (the CLI, the server's jobs, and the batch page as a file is
 * chosen): a header line naming an `id` and a `desc` column (other columns are allowed and
 * ignored), then one prompt per record. An optional `image` column makes a row with a value there
 * an image row: a path relative to the CSV file (row-pictures.ts reads it), the picture its rounds
 * are drawn from and measured against. RFC 4180 as csv-parse reads it:
 * quoted fields may hold commas, doubled quotes and line breaks; a UTF-8 BOM and CRLF or LF line
 * ends are accepted; blank lines are skipped. Descriptions are kept verbatim (the model is sent
 * them byte for byte); ids become file names (`final_svgs/{id}.svg`), so they must be safe as one.
 *
 * Every problem is a PromptsCsvError naming the line (1-based, the header is line 1; a record
 * that spans lines is named by the line it starts on).
 */
// The browser build (with its own Buffer): the batch page checks a file with this very parser
// when it is chosen, the server and the CLI when it is run, so all three say the same.
import { CsvError, parse } from "csv-parse/browser/esm/sync";
import type { TargetImage } from "../loop/loop-types";

export interface PromptRow {
  id: string;
  desc: string;
  /** The `image` column: a path relative to the CSV file, as written. */
  image?: string;
  /** That picture, once read and scaled (row-pictures.ts). */
  target?: TargetImage;
}

export type PromptsCsvErrorCode =
  | "malformed" // csv-parse refused the text (unclosed quote, stray quote, uneven field count…)
  | "header" // no header, or no `id` / `desc` column
  | "empty-field" // a record with an empty id or desc
  | "unsafe-id" // an id that cannot be a file name
  | "duplicate-id"
  | "image"; // an image path that is absolute, leaves the CSV's folder, or names an unreadable picture

export class PromptsCsvError extends Error {
  constructor(
    public readonly code: PromptsCsvErrorCode,
    /** 1-based line of the input the problem is on, when there is one. */
    public readonly line: number | null,
    detail: string,
  ) {
    super(line === null ? detail : `line ${line}: ${detail}`);
    this.name = "PromptsCsvError";
  }
}

/** Ids longer than this (in characters) are refused: with `.svg` they must fit a file name. */
export const MAX_PROMPT_ID_LENGTH = 200;

/**
 * Why an id cannot name a file, or null when it can: no path separator, no `..`, no control
 * character, at most MAX_PROMPT_ID_LENGTH characters. (Emptiness is reported separately.)
 */
export function unsafePromptIdReason(id: string): string | null {
  if (/[/\\]/.test(id)) return "contains a path separator";
  if (id.includes("..")) return "contains '..'";
  // C0 controls, DEL and C1 controls.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return "contains a control character";
  const length = [...id].length;
  if (length > MAX_PROMPT_ID_LENGTH) return `is ${length} characters long (at most ${MAX_PROMPT_ID_LENGTH})`;
  return null;
}

/** Why an image path may not be read, or null: it must be relative and stay inside the CSV's folder. */
export function unsafeImagePathReason(path: string): string | null {
  if (/^(?:[a-z]+:|[/\\])/i.test(path)) return "must be a path relative to the CSV file";
  if (path.split(/[/\\]/).includes("..")) return "leaves the CSV file's folder ('..')";
  if (/[\u0000-\u001f]/.test(path)) return "contains a control character";
  return null;
}

/**
 * Lines of records by their byte offsets (csv-parse counts bytes): `at(offset)` is the 1-based
 * line of the first byte at or after `offset` that is not a line end, i.e. where a record that
 * follows blank lines starts. Offsets must not decrease between calls.
 */
function recordLines(bytes: Uint8Array): { at(offset: number): number } {
  let lineFeeds = 0;
  let scanned = 0;
  return {
    at(offset) {
      let start = offset;
      while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start += 1;
      for (; scanned < start; scanned += 1) if (bytes[scanned] === 0x0a) lineFeeds += 1;
      return lineFeeds + 1;
    },
  };
}

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

/** Quotes a value for an error message, shortened so a huge or multi-line id stays readable. */
function shown(value: string): string {
  const flat = JSON.stringify(value).slice(1, -1);
  return `'${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}'`;
}

/** Reads the prompts from the CSV text. Throws PromptsCsvError. */
export function parsePromptsCsv(text: string): PromptRow[] {
  // csv-parse counts UTF-8 bytes; the line map reads the same bytes.
  const bytes = new TextEncoder().encode(text);
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Both line ends everywhere: a file edited on two systems may mix them.
      record_delimiter: ["\r\n", "\n"],
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : null;
      let hint = "";
      // csv-parse names the line it reached; the quote was opened by the record after the last
      // one it finished.
      if (error.code === "CSV_QUOTE_NOT_CLOSED" && typeof error.bytes_records === "number") {
        hint = ` (the record starting on line ${recordLines(bytes).at(error.bytes_records)} opens a quote that is never closed)`;
      }
      throw new PromptsCsvError("malformed", line, `malformed CSV: ${error.message}${hint}`);
    }
    throw error;
  }

  // Each record starts where the previous one ended (after any blank lines).
  const lines = recordLines(bytes);
  let previousEnd = 0;
  const startLine = (end: number): number => {
    const line = lines.at(previousEnd);
    previousEnd = end;
    return line;
  };

  const [header, ...rows] = parsed;
  if (!header) throw new PromptsCsvError("header", 1, "no header line: expected columns id,desc");
  const headerLine = startLine(header.info.bytes);
  const names = header.record.map((name) => name.trim());
  const idColumn = names.indexOf("id");
  const descColumn = names.indexOf("desc");
  const missing = [idColumn < 0 && "id", descColumn < 0 && "desc"].filter(Boolean);
  if (missing.length > 0) {
    throw new PromptsCsvError(
      "header",
      headerLine,
      `the header has no ${missing.map((m) => `'${m}'`).join(" or ")} column (found ${header.record.map(shown).join(", ") || "none"})`,
    );
  }
  const imageColumn = names.indexOf("image");
  for (const column of ["id", "desc", "image"]) {
    if (names.indexOf(column) !== names.lastIndexOf(column)) {
      throw new PromptsCsvError("header", headerLine, `the header names the '${column}' column twice`);
    }
  }

  const firstLineOfId = new Map<string, number>();
  return rows.map(({ record, info }) => {
    const line = startLine(info.bytes);
    const id = record[idColumn];
    const desc = record[descColumn];
    if (id.trim() === "") throw new PromptsCsvError("empty-field", line, "id is empty");
    if (desc.trim() === "") throw new PromptsCsvError("empty-field", line, "desc is empty");
    const unsafe = unsafePromptIdReason(id);
    if (unsafe) throw new PromptsCsvError("unsafe-id", line, `id ${shown(id)} ${unsafe}; ids become file names`);
    const first = firstLineOfId.get(id);
    if (first !== undefined) throw new PromptsCsvError("duplicate-id", line, `id ${shown(id)} repeats line ${first}`);
    firstLineOfId.set(id, line);
    const image = imageColumn < 0 ? "" : (record[imageColumn] ?? "").trim();
    if (image) {
      const unsafeImage = unsafeImagePathReason(image);
      if (unsafeImage) throw new PromptsCsvError("image", line, `image ${shown(image)} ${unsafeImage}`);
    }
    return image ? { id, desc, image } : { id, desc };
  });
}

export const NO_PROMPTS_MESSAGE = "The CSV has a header but no prompts.";

export type PromptsCsvCheck = { ok: true; rows: PromptRow[] } | { ok: false; message: string };

/**
 * A chosen file checked as a job would be: its prompts, or the message the batch API answers
 * with (the file's name, the line, what is wrong), so the page can say it before Start.
 */
export function checkPromptsCsv(name: string, text: string): PromptsCsvCheck {
  try {
    const rows = parsePromptsCsv(text);
    return rows.length === 0 ? { ok: false, message: `${name}: ${NO_PROMPTS_MESSAGE}` } : { ok: true, rows };
  } catch (e) {
    if (e instanceof PromptsCsvError) return { ok: false, message: `${name}: ${e.message}` };
    throw e;
  }
}
