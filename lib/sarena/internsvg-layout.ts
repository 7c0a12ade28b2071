/**
 * InternSVG's inference output, byte for byte where its scripts define it, so its own evaluate
 * scripts (evaluate_gen.py, evaluate_edit.py, evaluate_un.py) run on the folder unchanged:
 *
 *   DIR/<group>/output.jsonl      one `json.dumps({"id": …, "answer": …})` line per answer, appended
 *   DIR/<group>/svg/{id}.svg      the SVG taken from the answer (none when it holds no whole <svg>)
 *   DIR/<group>/images/{id}.png   that SVG at 448×448 on white (none when it is not well-formed
 *                                 XML or does not render: SArena then scores a black image)
 *   DIR/understanding/output.jsonl  `{"id": …, "result": …}` lines, sorted by id at the end
 *
 * One difference, on purpose: InternSVG takes the FIRST match of `<svg[^>]*>.*?</svg>`, which
 * cuts a drawing with a nested <svg> short; the studio's extraction (lib/svg) takes the first
 * `<svg` to the LAST `</svg>`. They agree on every answer without a nested <svg>.
 */
import { extractSvg } from "../svg/extract-svg";

/**
 * A JSON value as Python's `json.dumps` writes it by default: ", " and ": " separators and
 * ensure_ascii (every character past U+007F as a lowercase \uXXXX escape, astral ones as
 * their surrogate pair), which is what InternSVG's output.jsonl lines are.
 */
export function pythonJson(value: unknown, ensureAscii = true): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    const json = JSON.stringify(value);
    return ensureAscii ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : json;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map((v) => pythonJson(v, ensureAscii)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pythonJson(k, ensureAscii)}: ${pythonJson(v, ensureAscii)}`).join(", ")}}`;
}

export function answerLine(id: number | string, answer: string): string {
  return pythonJson({ id, answer }) + "\n";
}

/** inference_un.py's final, sorted rewrite uses ensure_ascii=False. */
export function resultLine(id: number | string, result: string): string {
  return pythonJson({ id, result }, false) + "\n";
}

/** The SVG file for an answer: a whole `<svg>…</svg>` or nothing (a cut-off answer has no file). */
export function svgFileOf(answer: string): string | null {
  const found = extractSvg(answer);
  return found.status === "ok" ? found.svg : null;
}

export const layoutPaths = {
  output: (group: string) => `${group}/output.jsonl`,
  svg: (group: string, id: number | string) => `${group}/svg/${id}.svg`,
  png: (group: string, id: number | string) => `${group}/images/${id}.png`,
  /** The studio's own, beside InternSVG's files: each item's rounds (resumes a paper-mode loop) and metrics. */
  rounds: (group: string, id: number | string) => `${group}/rounds/${id}.json`,
  metrics: (group: string) => `${group}/metrics.jsonl`,
};

/**
 * The letter of a multiple-choice answer, or "X" when none can be read (as InternSVG's cleaning
 * step marks it): a leading letter ("B", "B.", "(B) …", "**B**"), else one named after
 * "answer"/"option"/"choice", else a lone "B." or "B)" in the text.
 */
export function answerLetter(text: string): string {
  const t = text.trim().replace(/^[*_`"'\s]+/, "");
  const lead = /^\(?([A-D])(?:[.):\]]|\*|\s|$)/.exec(t);
  if (lead) return lead[1];
  const named = /\b(?:answer|option|choice)(?:\s+is)?\s*[:：]?\s*\(?\**([A-D])\b/i.exec(t);
  if (named) return named[1].toUpperCase();
  const lone = [...t.matchAll(/(?:^|\s)\(?([A-D])[.)](?=\s|$)/g)].map((m) => m[1]);
  if (new Set(lone).size === 1) return lone[0];
  return "X";
}
