/**
 * IntroSVG training sets from any run's rounds, in IntroSVG's own LLaMA-Factory formats (the
 * shapes of its train_data_example/*.json, fixtures/introsvg/train-examples/: the same keys in
 * the same order), with the user turns built from its byte-exact templates:
 *
 *   train_direct.json  generator prompt → the best round's SVG, when it scored ≥ minScore
 *   refine.json        refiner prompt (a draft, its critique and suggestions) → the refinement
 *                      that raised the score
 *   critic.json        critic prompt with `<image>` + the PNG the critic saw → its critique JSON
 *   dpo.json           generator prompt → chosen: the best round; rejected: the lowest round of
 *                      the same prompt scoring at least dpoMargin below it
 *   dataset_info.json  LLaMA-Factory's description of each file that holds records
 *   draft_image/{id}-{round}.png   the critic's PNGs, named by critic.json relative to the folder
 *                      (LLaMA-Factory's media_dir defaults to the dataset_dir)
 *
 * Records are only ever what the rounds hold: nothing is repeated or invented to fill a file.
 * Items are added one at a time and their PNGs handed back at once, so a large run's images can
 * be written (or zipped) as they come while only the JSON records are kept.
 */
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../introsvg/prompts";
import { notesRefineFields } from "../introsvg/designer-notes";
import type { Critique } from "../introsvg/critique-parser";
import { pickBest } from "../loop/best-round";
import type { Round } from "../loop/loop-types";

export const TRAINING_FILES = ["train_direct.json", "refine.json", "critic.json", "dpo.json"] as const;
export type TrainingFileName = (typeof TRAINING_FILES)[number];

export const DEFAULT_TRAINING_OPTIONS = { minScore: 9.0, dpoMargin: 2.0 } as const;
export const DRAFT_IMAGE_DIR = "draft_image";

export interface TrainingOptions {
  /** Least score of a round that becomes a direct-generation target. */
  minScore: number;
  /** Least score gap between a DPO pair's chosen and rejected rounds. */
  dpoMargin: number;
}

export interface TrainingItem {
  id: string;
  /** The prompt's description (IntroSVG's `desc`, filled into its templates). */
  desc: string;
  rounds: readonly Round[];
}

export interface TrainingFile {
  path: string;
  data: string | Uint8Array;
}

/** LLaMA-Factory's `messages` records (train_direct, refine, critic). */
export interface MessagesRecord {
  messages: [{ content: string; role: "user" }, { content: string; role: "assistant" }];
  images: string[];
}

/** LLaMA-Factory's sharegpt preference records (dpo). */
export interface DpoRecord {
  conversations: [{ from: "human"; value: string }];
  chosen: { from: "gpt"; value: string };
  rejected: { from: "gpt"; value: string };
}

export interface TrainingSummary {
  counts: Record<TrainingFileName, number>;
  /** The items that gave no record to any file. */
  empty: Array<{ id: string; desc: string }>;
  items: number;
  options: TrainingOptions;
}

/** A round fit to learn from: its SVG rendered (no truncation) and the critic scored it. */
interface ScoredRound {
  index: number;
  score: number;
  svg: string;
  critique: Critique;
  round: Round;
}

function scoredRounds(rounds: readonly Round[]): ScoredRound[] {
  const out: ScoredRound[] = [];
  for (const round of rounds) {
    if (round.phase !== "done" || round.svg === null || round.truncated !== null || round.png === null || round.critique === null) continue;
    out.push({ index: round.index, score: round.critique.score, svg: round.svg, critique: round.critique, round });
  }
  return out;
}

/** A score as Python's json writes a float (9 → 9.0), as the critic's training answers carry it. */
function pythonFloat(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/**
 * The critic's answer as its training examples hold it: the JSON object of the three fields,
 * indented by two, the score a float. The studio's critique parser reads it back unchanged.
 */
export function critiqueAnswer(c: Critique): string {
  return `{\n  "score": ${pythonFloat(c.score)},\n  "critique": ${JSON.stringify(c.critique)},\n  "suggestions": ${JSON.stringify(c.suggestions)}\n}`;
}

function messages(user: string, assistant: string, images: string[] = []): MessagesRecord {
  return {
    messages: [
      { content: user, role: "user" },
      { content: assistant, role: "assistant" },
    ],
    images,
  };
}

function pngBytes(dataUrl: string): Uint8Array {
  const b64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** LLaMA-Factory dataset_info.json entries, one per file (keyed `introsvg_<file stem>`). */
function datasetInfoEntry(file: TrainingFileName): Record<string, unknown> {
  if (file === "dpo.json") {
    return { file_name: file, formatting: "sharegpt", ranking: true, columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" } };
  }
  return {
    file_name: file,
    formatting: "sharegpt",
    columns: { messages: "messages", images: "images" },
    tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
  };
}

export function datasetName(file: TrainingFileName): string {
  return `introsvg_${file.replace(/\.json$/, "")}`;
}

/** IntroSVG's scripts write the messages files with indent 2 (critic, refine) and 4 (direct, dpo). */
const INDENT: Record<TrainingFileName, number> = { "train_direct.json": 4, "refine.json": 2, "critic.json": 2, "dpo.json": 4 };

export interface TrainingDataBuilder {
  /** Adds an item's records; returns the PNG files its critic records name. */
  add(item: TrainingItem): TrainingFile[];
  /** The four JSON files, dataset_info.json and the summary. */
  finish(): { files: TrainingFile[]; summary: TrainingSummary };
}

export function createTrainingDataBuilder(options: TrainingOptions = DEFAULT_TRAINING_OPTIONS): TrainingDataBuilder {
  const direct: MessagesRecord[] = [];
  const refine: MessagesRecord[] = [];
  const critic: MessagesRecord[] = [];
  const dpo: DpoRecord[] = [];
  const empty: Array<{ id: string; desc: string }> = [];
  let items = 0;

  return {
    add(item) {
      items += 1;
      const before = direct.length + refine.length + critic.length + dpo.length;
      const scored = scoredRounds(item.rounds);
      const byIndex = new Map(scored.map((r) => [r.index, r]));
      const images: TrainingFile[] = [];
      const best = pickBest(scored);

      if (best && best.score >= options.minScore) direct.push(messages(buildGeneratorPrompt(item.desc), best.svg));

      for (const r of scored) {
        const source = r.round.sourceIndex === null ? undefined : byIndex.get(r.round.sourceIndex);
        if (!source || r.score <= source.score) continue;
        let fields: { critique: string; suggestions: string } | null = null;
        if (r.round.kind === "refine") fields = { critique: source.critique.critique, suggestions: source.critique.suggestions };
        else if (r.round.kind === "notes" && r.round.notes) fields = notesRefineFields(r.round.notes);
        if (!fields) continue; // a hand edit: no prompt produced it
        refine.push(messages(buildRefinerPrompt({ originPrompt: item.desc, svg: source.svg, ...fields }), r.svg));
      }

      for (const r of scored) {
        const image = `${DRAFT_IMAGE_DIR}/${item.id}-${r.index}.png`;
        images.push({ path: image, data: pngBytes(r.round.png!) });
        critic.push(messages(buildCriticPrompt(item.desc), critiqueAnswer(r.critique), [image]));
      }

      if (best) {
        let rejected: ScoredRound | null = null;
        for (const r of scored) {
          if (best.score - r.score >= options.dpoMargin && r.svg !== best.svg && (!rejected || r.score < rejected.score)) rejected = r;
        }
        if (rejected) {
          dpo.push({
            conversations: [{ from: "human", value: buildGeneratorPrompt(item.desc) }],
            chosen: { from: "gpt", value: best.svg },
            rejected: { from: "gpt", value: rejected.svg },
          });
        }
      }

      if (direct.length + refine.length + critic.length + dpo.length === before) empty.push({ id: item.id, desc: item.desc });
      return images;
    },
    finish() {
      const lists: Record<TrainingFileName, unknown[]> = { "train_direct.json": direct, "refine.json": refine, "critic.json": critic, "dpo.json": dpo };
      const files: TrainingFile[] = TRAINING_FILES.map((file) => ({ path: file, data: JSON.stringify(lists[file], null, INDENT[file]) + "\n" }));
      // Only files that hold records are named: LLaMA-Factory cannot train on an empty dataset.
      const info = Object.fromEntries(TRAINING_FILES.filter((f) => lists[f].length > 0).map((f) => [datasetName(f), datasetInfoEntry(f)]));
      files.push({ path: "dataset_info.json", data: JSON.stringify(info, null, 2) + "\n" });
      const counts = Object.fromEntries(TRAINING_FILES.map((f) => [f, lists[f].length])) as Record<TrainingFileName, number>;
      return { files, summary: { counts, empty: [...empty], items, options: { ...options } } };
    },
  };
}

/** The summary as the CLI prints it: a count per file, then the prompts that gave nothing. */
export function formatTrainingSummary(summary: TrainingSummary): string {
  const lines = TRAINING_FILES.map((f) => `  ${f.padEnd(18)} ${String(summary.counts[f]).padStart(6)} record(s)`);
  lines.unshift(`${summary.items} item(s); --min-score ${summary.options.minScore}, --dpo-margin ${summary.options.dpoMargin}`);
  if (summary.empty.length > 0) {
    lines.push(`${summary.empty.length} prompt(s) gave nothing:`);
    for (const { id, desc } of summary.empty.slice(0, 50)) lines.push(`  ${id}: ${desc}`);
    if (summary.empty.length > 50) lines.push(`  … and ${summary.empty.length - 50} more`);
  } else lines.push("Every prompt gave at least one record.");
  return lines.join("\n");
}
