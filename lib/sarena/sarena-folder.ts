/**
 * A SArena run's output folder (DIR): InternSVG's layout (internsvg-layout.ts) written as items
 * finish, plus each item's rounds under `<group>/rounds/{id}.json` (the batch runner's item
 * record, rewritten atomically after every step, so a stopped paper-mode loop continues from its
 * last step).
 *
 * An id already in a group's output.jsonl is finished: a re-run skips it, as InternSVG's scripts
 * skip an id whose answer they already wrote. An item's answer (its best round's text; the one
 * round in single mode) is written once its loop has ended for good: done, or failed in a way
 * another try would not change (an SVG that does not render is an answer, and scored as one). A
 * step whose retries ran out leaves no answer, and the next run tries it again.
 */
import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BatchItemStore, OpenedItem } from "../batch/batch-runner";
import { writeFileAtomic } from "../batch/atomic-file";
import { buildItemRecord, itemRecordSchema, type ItemRecord } from "../batch/output-folder";
import type { PromptRow } from "../contract/prompts-csv";
import { pickBest } from "../loop/best-round";
import type { SessionPort } from "../loop/loop-ports";
import type { LoopSettings, LoopState, Round } from "../loop/loop-types";
import { renderSvgPng } from "../raster/node";
import { SARENA_SIDE } from "../metrics/image-similarity";
import { answerLine, layoutPaths, svgFileOf } from "./internsvg-layout";
import type { SarenaRecord } from "./sarena-records";

/** An item's key across groups (edit tasks each number their records from 0). */
export const itemKey = (r: Pick<SarenaRecord, "group" | "id">) => `${r.group}/${r.id}`;

/** The ids a group's output.jsonl holds; a torn last line (a killed run) is ignored. */
export async function readWrittenIds(dir: string, group: string, field: "answer" | "result" = "answer"): Promise<Map<string, unknown>> {
  const ids = new Map<string, unknown>();
  let text: string;
  try {
    text = await readFile(path.join(dir, layoutPaths.output(group)), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ids;
    throw e;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const obj = JSON.parse(line) as Record<string, unknown>;
      if (obj.id !== undefined && field in obj) ids.set(String(obj.id), obj[field]);
    } catch {
      // a half-written line from a killed run: that item is asked again
    }
  }
  return ids;
}

export function appendLine(dir: string, file: string, line: string): void {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  appendFileSync(full, line);
}

export async function readRoundsRecord(dir: string, record: Pick<SarenaRecord, "group" | "id">): Promise<ItemRecord | null> {
  const file = path.join(dir, layoutPaths.rounds(record.group, record.id));
  if (!existsSync(file)) return null;
  try {
    const parsed = itemRecordSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The round whose answer an item gives: the best-scored, else the last one the model wrote. */
export function answerRound(rounds: readonly Round[]): Round | null {
  const scored = rounds.map((r) => ({ index: r.index, score: r.critique?.score ?? null, round: r }));
  return pickBest(scored)?.round ?? rounds.findLast((r) => r.generation !== null) ?? null;
}

/** The SVG at 448×448 on white, or null when it is not well-formed or does not render (no PNG, as cairosvg writes none). */
export function renderForLayout(svg: string): Buffer | null {
  try {
    return renderSvgPng(svg, { width: SARENA_SIDE, height: SARENA_SIDE, background: "white" });
  } catch {
    return null;
  }
}

/** Writes an answer's files in InternSVG's order of meaning: svg, png, then the output line. */
export async function writeAnswer(dir: string, record: Pick<SarenaRecord, "group" | "id">, answer: string): Promise<void> {
  const svg = svgFileOf(answer);
  if (svg !== null) {
    await writeFileAtomic(path.join(dir, layoutPaths.svg(record.group, record.id)), svg);
    const png = renderForLayout(svg);
    if (png) await writeFileAtomic(path.join(dir, layoutPaths.png(record.group, record.id)), png);
  }
  appendLine(dir, layoutPaths.output(record.group), answerLine(record.id, answer));
}

export interface SarenaStore extends BatchItemStore {
  /** How many of the items were finished by an earlier run. */
  alreadyWritten: number;
}

/** The batch runner's item store over a SArena folder, for the SVG tasks (text2svg, img2svg, edit). */
export async function openSarenaStore(dir: string, records: readonly SarenaRecord[]): Promise<SarenaStore> {
  const byKey = new Map(records.map((r) => [itemKey(r), r]));
  const written = new Set<string>();
  for (const group of new Set(records.map((r) => r.group))) {
    for (const id of (await readWrittenIds(dir, group)).keys()) written.add(`${group}/${id}`);
  }
  const live = new Map<string, ItemRecord>();
  const recordOf = (key: string) => {
    const r = byKey.get(key);
    if (!r) throw new Error(`No SArena item ${key}.`);
    return r;
  };
  const save = (key: string, item: ItemRecord) =>
    writeFileAtomic(path.join(dir, layoutPaths.rounds(recordOf(key).group, recordOf(key).id)), JSON.stringify(item, null, 2) + "\n");
  const liveOf = (key: string) => {
    const item = live.get(key);
    if (!item) throw new Error(`Item ${key} is not open.`);
    return item;
  };

  const sessions: SessionPort = {
    create: () => Promise.reject(new Error("SArena items are opened by the store, not created by the loop.")),
    saveRound: async (key, round) => {
      const item = liveOf(key);
      item.rounds = [...item.rounds.slice(0, round.index - 1), round, ...item.rounds.slice(round.index)];
      await save(key, item);
    },
    update: async (key, patch) => {
      const item = liveOf(key);
      if (patch.status) item.status = patch.status;
      if (patch.extraRefinements !== undefined) item.extraRefinements = patch.extraRefinements;
      await save(key, item);
    },
  };

  const fresh = (item: PromptRow, settings: LoopSettings): ItemRecord =>
    buildItemRecord({ id: item.id, desc: item.desc, settings, status: "idle", extraRefinements: 0, elapsedMs: 0, outcome: null, run: null, rounds: [] });

  return {
    alreadyWritten: records.filter((r) => written.has(itemKey(r))).length,
    sessions,
    async open(item: PromptRow, settings: LoopSettings): Promise<OpenedItem> {
      const record = recordOf(item.id);
      let stored = await readRoundsRecord(dir, record);
      if (stored && stored.desc !== item.desc) stored = null; // another benchmark file's record of this id
      // Written before (by this studio or by InternSVG's own script): finished, whatever its rounds say.
      if (written.has(item.id)) stored = { ...(stored ?? fresh(item, settings)), status: "done" };
      const current = stored ?? fresh(item, settings);
      live.set(item.id, current);
      return {
        loop: {
          id: item.id,
          prompt: current.desc,
          settings: current.settings,
          rounds: current.rounds,
          status: current.status,
          extraRefinements: current.extraRefinements,
        },
        elapsedMs: current.elapsedMs,
        transientFailure: current.outcome?.error?.transient ?? false,
      };
    },
    async finish(item: PromptRow, state: Pick<LoopState, "status" | "rounds" | "prompt">, outcome) {
      const record = recordOf(item.id);
      const current = live.get(item.id) ?? fresh(item, { mode: "paper", maxRefinements: 0, threshold: 10 });
      live.delete(item.id);
      const final = outcome.status === "done" || (outcome.status === "failed" && !outcome.error?.transient);
      const round = answerRound(state.rounds);
      if (final && !written.has(item.id) && round?.generation) {
        await writeAnswer(dir, record, round.modelText);
        written.add(item.id);
      }
      await save(item.id, { ...current, status: state.status, rounds: state.rounds, elapsedMs: outcome.elapsedMs, outcome });
    },
  };
}
