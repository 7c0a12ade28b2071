/**
 * SArena's benchmark files (InternSVG's `SArena/`), read as InternSVG's inference scripts read
 * them (metrics/inference/inference*.py): JSONL records
 *
 *   {"id": 12, "conversations": [{"from": "human", "value": QUESTION}, {"from": "gpt", "value": ANSWER}], …}
 *
 *   text2svg       the question as it is
 *   img2svg        plus "image": "images/{id}.png", relative to the JSONL file, sent after the text
 *   edit           PATH is a folder of task files (color_simple.jsonl, crop.jsonl, …; the task is
 *                  the name before its first dot); each question gets "\n" and EDIT_SUFFIX
 *   understanding  multiple choice A–D with a "Subject"; the right letter is the first character
 *                  of the answer (evaluate_un.py)
 *
 * and where each task's ground truth is by default (evaluate_gen.py, evaluate_edit.py): the
 * img2svg input image; for an edit task `<folder>/data/<task>/images/{id}.png`. A malformed
 * file stops the run before it starts, naming the file and line.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const SARENA_TASKS = ["text2svg", "img2svg", "edit", "understanding"] as const;
export type SarenaTask = (typeof SARENA_TASKS)[number];

/** What InternSVG's inference_edit.py appends to every edit question (after a newline). */
export const EDIT_SUFFIX = "Only output the svg code, no other text.";

/** The ten edit tasks of SArena's Icon benchmark (evaluate_edit.py's TASK_DICT). */
export const EDIT_TASK_NAMES: Record<string, string> = {
  color_complex: "Semantic-level Color Editing",
  color_simple: "Low-level Color Editing",
  crop: "Cropping",
  flip: "Flipping",
  rotate: "Rotation",
  scale: "Scaling",
  translate: "Translation",
  opacity: "Transparency",
  styletransform_openmoji: "Style Transfer",
  outline: "Adding stroke",
};

export interface SarenaRecord {
  /** The record's id as the file has it (an integer in SArena; written back the same). */
  id: number | string;
  /** Where its outputs go below DIR: "text2svg", "img2svg", "edit/<task>" or "understanding". */
  group: string;
  /** The question as sent (an edit's with its suffix). */
  question: string;
  /** img2svg: the input image's absolute path. */
  image: string | null;
  /** The ground-truth image's absolute path (img2svg, edit), where the defaults or --gt put it. */
  groundTruth: string | null;
  /** understanding: the right letter and the record's Subject. */
  correct: string | null;
  subject: string | null;
}

export class SarenaInputError extends Error {}

/** Ids become file names (svg/{id}.svg): digits, letters, `-`, `_`, `.` only. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

interface RawRecord {
  id: number | string;
  question: string;
  answer: string | null;
  image: string | null;
  subject: string | null;
}

export function parseSarenaJsonl(text: string, file: string): RawRecord[] {
  const out: RawRecord[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${file}: line ${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      throw new SarenaInputError(`${where}: not JSON (${(e as Error).message})`);
    }
    const record = data as { id?: unknown; conversations?: Array<{ value?: unknown }>; image?: unknown; Subject?: unknown };
    if (typeof record !== "object" || record === null) throw new SarenaInputError(`${where}: not a JSON object`);
    const id = record.id;
    if ((typeof id !== "number" || !Number.isInteger(id) || id < 0) && (typeof id !== "string" || !SAFE_ID.test(id))) {
      throw new SarenaInputError(`${where}: "id" must be a whole number (or a file-safe string), got ${JSON.stringify(id)}`);
    }
    const key = String(id);
    if (seen.has(key)) throw new SarenaInputError(`${where}: id ${key} repeats line ${seen.get(key)}`);
    seen.set(key, i + 1);
    const question = record.conversations?.[0]?.value;
    if (typeof question !== "string" || question === "") throw new SarenaInputError(`${where}: conversations[0].value (the question) is missing`);
    const answer = record.conversations?.[1]?.value;
    out.push({
      id,
      question,
      answer: typeof answer === "string" ? answer : null,
      image: typeof record.image === "string" ? record.image : null,
      subject: typeof record.Subject === "string" ? record.Subject : null,
    });
  });
  if (out.length === 0) throw new SarenaInputError(`${file} holds no records`);
  return out;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new SarenaInputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The answer letter evaluate_un.py compares: the first character of the reference answer. */
function firstCharacter(answer: string | null): string | null {
  return answer && answer.length > 0 ? answer[0] : null;
}

/**
 * The task's records from `jsonl` (for edit: a folder of task files). `gt` replaces the default
 * ground-truth folder: for img2svg the folder of `{id}.png`; for edit the folder that holds
 * `<task>/images/{id}.png` (InternSVG's `data/`).
 */
export async function loadSarenaTask(task: SarenaTask, jsonl: string, gt?: string): Promise<SarenaRecord[]> {
  if (task === "edit") {
    let names: string[];
    try {
      names = (await readdir(jsonl)).filter((f) => f.endsWith(".jsonl")).sort();
    } catch (e) {
      throw new SarenaInputError(
        `--jsonl for edit must be a folder of task files (color_simple.jsonl, crop.jsonl, …): ${jsonl}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    if (names.length === 0) throw new SarenaInputError(`${jsonl} holds no .jsonl task files`);
    const gtRoot = gt ?? path.join(jsonl, "data");
    const out: SarenaRecord[] = [];
    for (const name of names) {
      const taskName = name.split(".")[0];
      const file = path.join(jsonl, name);
      for (const r of parseSarenaJsonl(await readText(file), file)) {
        out.push({
          id: r.id,
          group: `edit/${taskName}`,
          question: `${r.question}\n${EDIT_SUFFIX}`,
          image: null,
          groundTruth: path.join(gtRoot, taskName, "images", `${r.id}.png`),
          correct: null,
          subject: null,
        });
      }
    }
    return out;
  }
  const records = parseSarenaJsonl(await readText(jsonl), jsonl);
  const base = path.dirname(jsonl);
  return records.map((r, i) => {
    if (task === "img2svg" && !r.image) throw new SarenaInputError(`${jsonl}: record ${i + 1} (id ${r.id}) has no "image"`);
    const image = task === "img2svg" && r.image ? path.resolve(base, r.image) : null;
    return {
      id: r.id,
      group: task,
      question: r.question,
      image,
      groundTruth: task === "img2svg" ? (gt ? path.join(gt, `${r.id}.png`) : image) : null,
      correct: task === "understanding" ? firstCharacter(r.answer) : null,
      subject: task === "understanding" ? (r.subject ?? "unknown") : null,
    };
  });
}
