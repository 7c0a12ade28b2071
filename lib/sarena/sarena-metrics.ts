/**
 * The metrics the studio computes itself, offline, from a SArena folder as InternSVG's evaluate
 * scripts read it: a prediction is `<group>/images/{id}.png`; a missing one (no answer, no SVG
 * in it, not well-formed, not drawable) is a pure black 448×448 image in every metric, and the
 * success rate is the share of items that have one. SSIM and PSNR (img2svg, edit) are
 * lib/metrics' (scikit-image's definitions, as SArena's SSIM.py and PSNR.py call them) against the
 * ground truth; understanding is scored as evaluate_un.py scores it (the first character of the
 * result against the first of the reference answer; a missing result is wrong), overall and per
 * Subject. Mean output tokens come from the server's usage of each answer's generation.
 *
 * Paper mode adds a row per round: every item's SVG after round r (an item that stopped earlier
 * keeps its last one), so the gain from refinement shows, next to the mean critic score.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../batch/atomic-file";
import { blackImage, imageMatch, type RgbImage } from "../metrics/image-similarity";
import { targetForMatch } from "../metrics/node-image-match";
import type { Round } from "../loop/loop-types";
import { layoutPaths } from "./internsvg-layout";
import { answerRound, readRoundsRecord, readWrittenIds, renderForLayout } from "./sarena-folder";
import type { SarenaRecord } from "./sarena-records";

export interface ItemMetrics {
  id: number | string;
  valid: boolean;
  ssim: number | null;
  psnr: number | null;
  outputTokens: number | null;
  /** Paper mode: after each round. */
  rounds?: Array<{ round: number; valid: boolean; ssim: number | null; psnr: number | null; score: number | null }>;
}

export interface RoundSummary {
  round: number;
  successRate: number;
  ssim: number | null;
  psnr: number | null;
  meanScore: number | null;
}

export interface GroupSummary {
  items: number;
  answered: number;
  valid: number;
  successRate: number;
  meanOutputTokens: number | null;
  ssim: number | null;
  psnr: number | null;
  /** Items whose ground-truth image was not found (left out of SSIM and PSNR). */
  missingGroundTruth: number;
  perRound?: RoundSummary[];
}

export interface UnderstandingSummary {
  items: number;
  answered: number;
  /** Right answers ÷ items, 0–1 (evaluate_un.py prints it × 100). */
  accuracy: number;
  bySubject: Record<string, { items: number; correct: number; accuracy: number }>;
  meanOutputTokens: number | null;
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

async function imageAt(file: string): Promise<RgbImage | null> {
  if (!existsSync(file)) return null;
  return targetForMatch(await readFile(file));
}

/** An SVG as SArena would see it: its 448×448 render on white, or black when there is none. */
async function predictionOf(svg: string | null): Promise<{ valid: boolean; image: RgbImage }> {
  const png = svg ? renderForLayout(svg) : null;
  return png ? { valid: true, image: await targetForMatch(png) } : { valid: false, image: blackImage() };
}

function roundSvg(round: Round | undefined): string | null {
  return round && round.truncated === null ? round.svg : null;
}

/** Scores one group's items (one SVG task, or one edit task) and rewrites its metrics.jsonl. */
export async function evaluateGroup(
  dir: string,
  group: string,
  records: readonly SarenaRecord[],
  options: { pixelMetrics: boolean; perRound: boolean; onWarning?: (message: string) => void },
): Promise<{ items: ItemMetrics[]; summary: GroupSummary }> {
  const answers = await readWrittenIds(dir, group);
  const items: ItemMetrics[] = [];
  let missingGroundTruth = 0;
  const roundRows: Array<NonNullable<ItemMetrics["rounds"]>> = [];
  for (const record of records) {
    const pred = await imageAt(path.join(dir, layoutPaths.png(group, record.id)));
    let gt: RgbImage | null = null;
    if (options.pixelMetrics && record.groundTruth) {
      gt = await imageAt(record.groundTruth);
      if (!gt) {
        missingGroundTruth += 1;
        options.onWarning?.(`${group} ${record.id}: no ground truth at ${record.groundTruth}`);
      }
    }
    const match = gt ? imageMatch(gt, pred ?? blackImage()) : null;
    const stored = await readRoundsRecord(dir, record);
    const answer = stored ? answerRound(stored.rounds) : null;
    const item: ItemMetrics = {
      id: record.id,
      valid: pred !== null,
      ssim: match?.ssim ?? null,
      psnr: match?.psnr ?? null,
      outputTokens: answer?.generation?.usage.outputTokens ?? null,
    };
    if (options.perRound && stored && stored.rounds.length > 0) {
      const rows: NonNullable<ItemMetrics["rounds"]> = [];
      for (const round of stored.rounds) {
        const { valid, image } = await predictionOf(roundSvg(round));
        const m = gt ? imageMatch(gt, image) : null;
        rows.push({ round: round.index, valid, ssim: m?.ssim ?? null, psnr: m?.psnr ?? null, score: round.critique?.score ?? null });
      }
      item.rounds = rows;
      roundRows.push(rows);
    }
    items.push(item);
  }

  const withMatch = items.filter((i) => i.ssim !== null);
  const summary: GroupSummary = {
    items: records.length,
    answered: records.filter((r) => answers.has(String(r.id))).length,
    valid: items.filter((i) => i.valid).length,
    successRate: records.length === 0 ? 0 : items.filter((i) => i.valid).length / records.length,
    meanOutputTokens: mean(items.flatMap((i) => (i.outputTokens === null ? [] : [i.outputTokens]))),
    ssim: options.pixelMetrics ? mean(withMatch.map((i) => i.ssim!)) : null,
    psnr: options.pixelMetrics ? mean(withMatch.map((i) => i.psnr!)) : null,
    missingGroundTruth,
  };
  if (options.perRound && roundRows.length > 0) {
    const most = Math.max(...roundRows.map((rows) => rows.length));
    summary.perRound = Array.from({ length: most }, (_, k) => {
      // An item that stopped before round k+1 keeps its last round: that is its result then.
      const at = roundRows.map((rows) => rows[Math.min(k, rows.length - 1)]);
      const scored = at.filter((r) => r.ssim !== null);
      return {
        round: k + 1,
        successRate: at.filter((r) => r.valid).length / at.length,
        ssim: options.pixelMetrics ? mean(scored.map((r) => r.ssim!)) : null,
        psnr: options.pixelMetrics ? mean(scored.map((r) => r.psnr!)) : null,
        meanScore: mean(at.flatMap((r) => (r.score === null ? [] : [r.score]))),
      };
    });
  }
  const lines = items.map((i) => JSON.stringify(i)).join("\n");
  await writeFileAtomic(path.join(dir, layoutPaths.metrics(group)), lines ? lines + "\n" : "");
  return { items, summary };
}

/** Scores understanding as evaluate_un.py does and writes its metrics.jsonl. */
export async function evaluateUnderstanding(dir: string, records: readonly SarenaRecord[], tokens: ReadonlyMap<string, number>): Promise<UnderstandingSummary> {
  const results = await readWrittenIds(dir, "understanding", "result");
  const bySubject: UnderstandingSummary["bySubject"] = {};
  let correct = 0;
  const lines: string[] = [];
  for (const r of records) {
    const result = results.get(String(r.id));
    const letter = typeof result === "string" && result.length > 0 ? result[0] : null;
    const right = letter !== null && letter === r.correct;
    const subject = r.subject ?? "unknown";
    bySubject[subject] ??= { items: 0, correct: 0, accuracy: 0 };
    bySubject[subject].items += 1;
    if (right) {
      correct += 1;
      bySubject[subject].correct += 1;
    }
    lines.push(JSON.stringify({ id: r.id, subject, result: letter, correct: r.correct, right }));
  }
  for (const s of Object.values(bySubject)) s.accuracy = s.correct / s.items;
  await writeFileAtomic(path.join(dir, layoutPaths.metrics("understanding")), lines.length ? lines.join("\n") + "\n" : "");
  return {
    items: records.length,
    answered: records.filter((r) => results.has(String(r.id))).length,
    accuracy: records.length === 0 ? 0 : correct / records.length,
    bySubject: Object.fromEntries(Object.entries(bySubject).sort(([a], [b]) => a.localeCompare(b))),
    meanOutputTokens: mean([...tokens.values()]),
  };
}
