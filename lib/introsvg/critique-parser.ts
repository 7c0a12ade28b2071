/**
 * Parses the critic's answer: `{"score": float, "critique": str, "suggestions": str}`.
 * Rule: a ```json fenced block if present, else from the first `{` to the last `}`.
 * Never throws: a bad answer is a typed error the UI can show next to the raw text.
 */
export interface Critique {
  score: number;
  critique: string;
  suggestions: string;
}

export type CritiqueParseResult = { ok: true; value: Critique } | { ok: false; error: string };

function jsonCandidate(text: string): string | null {
  const fence = /```json\s*\n?([\s\S]*?)```/i.exec(text);
  if (fence) return fence[1].trim();
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first < 0 || last <= first) return null;
  return text.slice(first, last + 1);
}

export function parseCritique(text: string): CritiqueParseResult {
  const candidate = jsonCandidate(text);
  if (candidate === null) return { ok: false, error: "The critique has no JSON object in it." };
  let data: unknown;
  try {
    data = JSON.parse(candidate);
  } catch (e) {
    return { ok: false, error: `The critique is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, error: "The critique JSON is not an object." };
  }
  const record = data as Record<string, unknown>;
  const rawScore = record.score;
  const score = typeof rawScore === "number" ? rawScore : typeof rawScore === "string" && rawScore.trim() !== "" ? Number(rawScore) : NaN;
  if (rawScore === undefined) return { ok: false, error: 'The critique has no "score".' };
  if (!Number.isFinite(score)) return { ok: false, error: `The critique's score is not a number: ${JSON.stringify(rawScore)}.` };
  if (score < 0 || score > 10) return { ok: false, error: `The critique's score ${score} is outside 0–10.` };
  for (const field of ["critique", "suggestions"] as const) {
    if (typeof record[field] !== "string") {
      return { ok: false, error: record[field] === undefined ? `The critique has no "${field}".` : `The critique's "${field}" is not a string.` };
    }
  }
  return { ok: true, value: { score, critique: record.critique as string, suggestions: record.suggestions as string } };
}

/**
 * While the critique streams, shows what can be read so far: the score once its number is
 * complete and the critique text as far as it has arrived (JSON escapes decoded).
 */
export function readPartialCritique(text: string): { score?: number; critique?: string } {
  const out: { score?: number; critique?: string } = {};
  const score = /"score"\s*:\s*"?(-?\d+(?:\.\d+)?)"?\s*[,}\n]/.exec(text);
  if (score) out.score = Number(score[1]);
  const start = /"critique"\s*:\s*"/.exec(text);
  if (start) {
    let i = start.index + start[0].length;
    let body = "";
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') break;
      if (ch === "\\") {
        const next = text[i + 1];
        if (next === undefined) break;
        if (next === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (hex.length < 4) break;
          body += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        body += ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[next] ?? next;
        i += 2;
        continue;
      }
      body += ch;
      i += 1;
    }
    out.critique = body;
  }
  return out;
}
