/**
 * A CLI run's output folder: the reference layout (reference-layout.ts) plus what the studio
 * adds beside it:
 *
 *   batch.json          the run's settings, so a re-run on the same folder continues that run
 *   items/{id}.json     one record per item with every round (raw text, SVG, critic PNG, critique,
 *                       score, finish reasons, tokens, TTFT, durations, error), rewritten
 *                       atomically after every step: it is what a re-run resumes from
 *   report.json         the summary figures and every item's outcome, written at the end
 *
 * The store keeps only the records of items in flight in memory.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { batchItemOutcomeSchema, type BatchItemOutcome, type BatchSummary, type RoundMean } from "../contract/batch-contract";
import { runRecordSchema, type RunRecord } from "../contract/run-record";
import { loopSettingsSchema, loopStatusSchema, roundSchema } from "../loop/loop-schema";
import { candidateSchema } from "../loop/candidate-schema";
import type { SessionPort } from "../loop/loop-ports";
import type { LoopSettings, LoopStatus, Round } from "../loop/loop-types";
import { writeFileAtomic } from "./atomic-file";
import type { BatchItemStore, OpenedItem } from "./batch-runner";
import type { PromptRow } from "../contract/prompts-csv";
import { referenceLayoutFiles } from "./reference-layout";

export const MANIFEST_FORMAT = "introsvg-studio-batch";
export const ITEM_FORMAT = "introsvg-studio-batch-item";

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  settings: loopSettingsSchema,
  csv: z.string(),
  createdAt: z.string(),
});
export type BatchManifest = z.infer<typeof manifestSchema>;

export const itemRecordSchema = z.object({
  format: z.literal(ITEM_FORMAT),
  version: z.literal(1),
  id: z.string(),
  desc: z.string(),
  settings: loopSettingsSchema,
  status: loopStatusSchema,
  extraRefinements: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** Set once the item's loop has ended (done, failed or stopped). */
  outcome: batchItemOutcomeSchema.nullable(),
  /** Each role's model and server; absent in records written before it was recorded. */
  run: runRecordSchema.nullable().default(null),
  rounds: z.array(roundSchema),
  /** The draft step's candidates (--candidates N > 1), each with its seed and score; round 1 is the one chosen. */
  candidates: z.array(candidateSchema).optional(),
});
export type ItemRecord = z.infer<typeof itemRecordSchema>;

/** An item's record as items/{id}.json holds it (the page's ZIP writes the same). */
export function buildItemRecord(input: Omit<ItemRecord, "format" | "version">): ItemRecord {
  return { format: ITEM_FORMAT, version: 1, ...input };
}

/** report.json (built by batch-report.ts for the CLI and the page alike). */
export interface BatchReport {
  format: "introsvg-studio-batch-report";
  version: 1;
  csv: string;
  settings: LoopSettings;
  /** The generator's server: "builtin" or "remote". */
  engine: string;
  /** The generator's model (run.generator.model). */
  model: string | null;
  /** Each role's model and server origin (null: a job stored before it was recorded). */
  run: RunRecord | null;
  concurrency: number;
  startedAt: string;
  finishedAt: string;
  wallMs: number;
  /** Not every item finished (done or failed): some were stopped or not reached. */
  interrupted: boolean;
  /** The largest resident set of the process that ran the items, in MB (process.resourceUsage().maxRSS). */
  peakRssMb: number;
  /** CPU time that process used (user + system), in ms. */
  cpuMs: number;
  summary: BatchSummary;
  roundMeans: RoundMean[];
  items: BatchItemOutcome[];
}

export class OutputFolderError extends Error {}

function sameSettings(a: LoopSettings, b: LoopSettings): boolean {
  return (
    a.mode === b.mode &&
    a.maxRefinements === b.maxRefinements &&
    a.threshold === b.threshold &&
    a.profile === b.profile &&
    Boolean(a.singlePass) === Boolean(b.singlePass)
  );
}

function describe(s: LoopSettings): string {
  return `${s.profile ? `--profile ${s.profile} ` : ""}--mode ${s.mode} --max-refinements ${s.maxRefinements} --threshold ${s.threshold}`;
}

async function readJson(file: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return JSON.parse(text);
}

/** Reads an item record (null if the file does not exist); throws OutputFolderError for an unreadable one. */
export async function readItemRecord(file: string): Promise<ItemRecord | null> {
  let data: unknown;
  try {
    data = await readJson(file);
  } catch (e) {
    throw new OutputFolderError(`${file} is not readable JSON (${(e as Error).message})`);
  }
  if (data === undefined) return null;
  const parsed = itemRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OutputFolderError(`${file} is not a batch item record (${issue.path.join(".")}: ${issue.message})`);
  }
  return parsed.data;
}

export interface OutputFolder {
  dir: string;
  manifest: BatchManifest;
  /** True when the folder already held this run (a re-run continues it). */
  resumed: boolean;
  store: BatchItemStore;
  /** Reads an item's record (null if it has none); throws OutputFolderError for an unreadable one. */
  readItem(id: string): Promise<ItemRecord | null>;
  writeReport(report: BatchReport): Promise<void>;
}

/**
 * Opens (or starts) the run in `dir`. A folder that holds a run with other settings is refused:
 * its items could not be continued as asked.
 */
export async function openOutputFolder(
  dir: string,
  run: { settings: LoopSettings; csv: string; record?: RunRecord },
  hooks: { onWarning?: (message: string) => void } = {},
): Promise<OutputFolder> {
  const manifestFile = path.join(dir, "batch.json");
  let raw: unknown;
  try {
    raw = await readJson(manifestFile);
  } catch (e) {
    throw new OutputFolderError(`${manifestFile} is not readable JSON (${(e as Error).message}).`);
  }
  let manifest: BatchManifest;
  const resumed = raw !== undefined;
  if (resumed) {
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) throw new OutputFolderError(`${manifestFile} is not a batch run's manifest; choose another --out.`);
    manifest = parsed.data;
    if (!sameSettings(manifest.settings, run.settings)) {
      throw new OutputFolderError(
        `${dir} holds a run with ${describe(manifest.settings)}; to continue it, run with those settings (or choose another --out for ${describe(run.settings)}).`,
      );
    }
  } else {
    manifest = { format: MANIFEST_FORMAT, version: 1, settings: run.settings, csv: run.csv, createdAt: new Date().toISOString() };
    await writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  }

  const itemFile = (id: string) => path.join(dir, "items", `${id}.json`);
  const live = new Map<string, ItemRecord>();

  const readItem = (id: string): Promise<ItemRecord | null> => readItemRecord(itemFile(id));

  const save = (record: ItemRecord) => writeFileAtomic(itemFile(record.id), JSON.stringify(record, null, 2) + "\n");

  const recordOf = (id: string): ItemRecord => {
    const record = live.get(id);
    if (!record) throw new Error(`Item ${id} is not open.`);
    return record;
  };

  const sessions: SessionPort = {
    create: () => Promise.reject(new Error("Batch items are opened by the store, not created by the loop.")),
    saveRound: async (id, round: Round) => {
      const record = recordOf(id);
      record.rounds = [...record.rounds.slice(0, round.index - 1), round, ...record.rounds.slice(round.index)];
      await save(record);
    },
    saveCandidate: async (id, candidate) => {
      const record = recordOf(id);
      record.candidates = [...(record.candidates ?? []).filter((c) => c.candidate !== candidate.candidate), candidate].sort(
        (a, b) => a.candidate - b.candidate,
      );
      await save(record);
    },
    update: async (id, patch: { status?: LoopStatus; extraRefinements?: number }) => {
      const record = recordOf(id);
      if (patch.status) record.status = patch.status;
      if (patch.extraRefinements !== undefined) record.extraRefinements = patch.extraRefinements;
      await save(record);
    },
  };

  const fresh = (item: PromptRow, settings: LoopSettings): ItemRecord =>
    buildItemRecord({
      id: item.id,
      desc: item.desc,
      settings,
      status: "idle",
      extraRefinements: 0,
      elapsedMs: 0,
      outcome: null,
      run: run.record ?? null,
      rounds: [],
    });

  const store: BatchItemStore = {
    async open(item, settings) {
      let record: ItemRecord | null = null;
      try {
        record = await readItem(item.id);
      } catch (e) {
        hooks.onWarning?.(`${(e as Error).message}; the item starts over.`);
      }
      if (record && record.desc !== item.desc) {
        hooks.onWarning?.(`item ${item.id}: the CSV's desc differs from the one it was run with; the item starts over.`);
        record = null;
      }
      record ??= fresh(item, settings);
      live.set(item.id, record);
      const opened: OpenedItem = {
        loop: {
          id: item.id,
          prompt: record.desc,
          settings: record.settings,
          rounds: record.rounds,
          status: record.status,
          extraRefinements: record.extraRefinements,
          candidates: record.candidates,
        },
        elapsedMs: record.elapsedMs,
        transientFailure: record.outcome?.error?.transient ?? false,
      };
      return opened;
    },
    sessions,
    async finish(item, state, outcome) {
      const record = live.get(item.id) ?? fresh(item, manifest.settings);
      live.delete(item.id);
      // Layout files first, the record last: a record that says "finished" has its files (and
      // a run killed in between rewrites them when it finds the item finished).
      for (const file of referenceLayoutFiles(item.id, state.rounds)) await writeFileAtomic(path.join(dir, file.path), file.data);
      await save({
        ...record,
        status: state.status,
        rounds: state.rounds,
        ...(state.candidates?.length ? { candidates: state.candidates } : {}),
        elapsedMs: outcome.elapsedMs,
        outcome,
      });
    },
  };

  return {
    dir,
    manifest,
    resumed,
    store,
    readItem,
    writeReport: (report) => writeFileAtomic(path.join(dir, "report.json"), JSON.stringify(report, null, 2) + "\n"),
  };
}
