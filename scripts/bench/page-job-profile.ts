/**
 * The batch page's job, without the page: the first N example prompts through startBatchJob
 * (the studio server's own path: SQLite items as sessions, the batch lane of the limiter, the
 * built-in engine in-process), timed to its end. Run it under `node --cpu-prof` to see where a
 * job's time goes: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/page-job-profile.ts 6`.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { jobSettled, startBatchJob } from "../../lib/batch/batch-jobs";
import { getBatchJob } from "../../lib/db/batch-store";
import { openDatabase } from "../../lib/db/database";
import { DEFAULT_SETTINGS } from "../../lib/loop/loop-types";

async function main() {
  const count = Number(process.argv[2] ?? 6);
  const dir = await mkdtemp(path.join(os.tmpdir(), "page-job-"));
  const db = await openDatabase(`file:${path.join(dir, "studio.db")}`);
  const csv = readFileSync(path.join(__dirname, "..", "..", "fixtures", "introsvg", "example-prompts.csv"), "utf8")
    .split(/\r?\n/)
    .slice(0, count + 1)
    .join("\n");
  const started = performance.now();
  const id = await startBatchJob(db, { name: "profile.csv", csv, settings: DEFAULT_SETTINGS, concurrency: 8 });
  await jobSettled(id);
  const wall = performance.now() - started;
  const job = await getBatchJob(db, id);
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      items: count,
      status: job?.status,
      finished: job?.finished,
      wallS: +(wall / 1000).toFixed(1),
      cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    }),
  );
  process.exit(0);
}

void main();
