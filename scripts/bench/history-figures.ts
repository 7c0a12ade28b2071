/**
 * History at scale: 5,000 stored sessions (each with a critiqued best round, as batch runs
 * leave them), then the first page, a search and the thumbnails, timed over loopback.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../lib/db/database";
import { createSession, saveRound } from "../../lib/db/session-store";
import { parsePromptsCsv } from "../../lib/contract/prompts-csv";
import { renderSvgPng } from "./render-png";
import { iconOfTokens } from "./bench-upstream";
import { median } from "./stats";

export async function seedHistory(count: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-bench-history-"));
  const url = `file:${path.join(dir, "studio.db")}`;
  const db = await openDatabase(url);
  const prompts = parsePromptsCsv(fs.readFileSync("fixtures/introsvg/example-prompts.csv", "utf8"));
  const svg = iconOfTokens(1500);
  const png = `data:image/png;base64,${(await renderSvgPng(svg)).toString("base64")}`;
  const settings = { mode: "paper" as const, maxRefinements: 3, threshold: 9.5 };
  for (let i = 0; i < count; i++) {
    const prompt = prompts[i % prompts.length].desc;
    const id = await createSession(db, { prompt, settings, engine: "remote", model: "bench", status: "done" });
    await saveRound(db, id, {
      id: "round-1",
      index: 1,
      kind: "draft",
      sourceIndex: null,
      phase: "done",
      modelText: svg,
      svg,
      truncated: null,
      generation: { model: "bench", usage: { outputTokens: 1500 }, ttftMs: 100, durationMs: 5000, finishReason: "stop" },
      png,
      critiqueText: "",
      critique: { score: 9.6, critique: "Clean.", suggestions: "1. None." },
      finalCritique: false,
      critiqueMeta: { model: "bench", usage: { outputTokens: 40 }, ttftMs: 50, durationMs: 300, finishReason: "stop" },
      error: null,
      stoppedStep: null,
      notes: null,
      match: null,
    });
  }
  return url;
}

async function timed(url: string): Promise<{ ms: number; bytes: number; body: unknown }> {
  const start = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - start, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

export async function historyFigures(studioUrl: string, runs: number) {
  await timed(`${studioUrl}/api/sessions`); // warm
  const first = [];
  const search = [];
  for (let i = 0; i < runs; i++) {
    first.push(await timed(`${studioUrl}/api/sessions`));
    search.push(await timed(`${studioUrl}/api/sessions?q=${encodeURIComponent(["heart", "kite", "blue", "coffee"][i % 4])}`));
  }
  const page = first[0].body as { sessions: { thumbnailUrl: string | null }[]; nextCursor: string | null };
  const thumbs = await Promise.all(
    page.sessions.slice(0, 20).map(async (s) => {
      const response = await fetch(`${studioUrl}${s.thumbnailUrl}`);
      return { bytes: (await response.arrayBuffer()).byteLength, cacheable: /immutable/.test(response.headers.get("cache-control") ?? "") };
    }),
  );
  return {
    firstPageKb: median(first.map((r) => r.bytes)) / 1024,
    firstPageMs: median(first.map((r) => r.ms)),
    searchMs: median(search.map((r) => r.ms)),
    pageSize: page.sessions.length,
    paginated: page.nextCursor !== null,
    thumbnailKb: median(thumbs.map((t) => t.bytes)) / 1024,
    thumbnailsCacheable: thumbs.every((t) => t.cacheable),
  };
}
