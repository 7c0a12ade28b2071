/**
 * `npm run training-data -- --run RUN_DIR --out DATA_DIR`: IntroSVG training files
 * (LLaMA-Factory) from a batch run's folder (`npm run batch`'s items/{id}.json records), built
 * by lib/export/training-data.ts: train_direct.json, refine.json, critic.json, dpo.json,
 * dataset_info.json and the critic's PNGs under draft_image/. Prints the count per file and the
 * prompts that gave nothing.
 *
 * Exit status: 0 written, 2 bad arguments or an unreadable run folder.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../lib/batch/atomic-file";
import { OutputFolderError, readItemRecord } from "../lib/batch/output-folder";
import { createTrainingDataBuilder, DEFAULT_TRAINING_OPTIONS, formatTrainingSummary } from "../lib/export/training-data";

const USAGE = `Usage: npm run training-data -- --run RUN_DIR --out DATA_DIR [options]

  --run RUN_DIR       a batch run's output folder (npm run batch --out)
  --out DATA_DIR      where the LLaMA-Factory files go (dataset_dir)
  --min-score X       least score of a direct-generation target (default ${DEFAULT_TRAINING_OPTIONS.minScore})
  --dpo-margin X      least score gap between a DPO pair's chosen and rejected (default ${DEFAULT_TRAINING_OPTIONS.dpoMargin})`;

class UsageError extends Error {}

function score(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0 || n > 10) throw new UsageError(`--${name} must be a number from 0 to 10 (got '${raw}')`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      run: { type: "string" },
      out: { type: "string" },
      "min-score": { type: "string" },
      "dpo-margin": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (!values.run || !values.out) throw new UsageError("--run and --out are required");
  const options = {
    minScore: score("min-score", values["min-score"], DEFAULT_TRAINING_OPTIONS.minScore),
    dpoMargin: score("dpo-margin", values["dpo-margin"], DEFAULT_TRAINING_OPTIONS.dpoMargin),
  };
  const itemsDir = path.join(values.run, "items");
  let names: string[];
  try {
    names = (await readdir(itemsDir)).filter((f) => f.endsWith(".json") && !f.startsWith("."));
  } catch (e) {
    throw new UsageError(`${itemsDir} is not readable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): --run must be a batch run's folder`);
  }
  if (names.length === 0) throw new UsageError(`${itemsDir} holds no item records`);
  names.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

  const builder = createTrainingDataBuilder(options);
  for (const name of names) {
    const record = await readItemRecord(path.join(itemsDir, name));
    if (!record) continue;
    for (const file of builder.add(record)) await writeFileAtomic(path.join(values.out, file.path), file.data);
  }
  const { files, summary } = builder.finish();
  for (const file of files) await writeFileAtomic(path.join(values.out, file.path), file.data);
  console.log(formatTrainingSummary(summary));
  console.log(`Wrote ${values.out}/ (dataset_info.json names ${Object.values(summary.counts).filter((n) => n > 0).length} dataset(s))`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof OutputFolderError) {
      console.error(`training-data: ${e.message}`);
      if (e instanceof UsageError) console.error(`\n${USAGE}`);
      process.exit(2);
    }
    console.error(`The training data could not be written: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
