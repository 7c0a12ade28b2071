/**
 * `npm run bench`: the studio's benchmarks, each printing figures measured in one run and
 * writing them under bench/results/. Today: batch runs (scripts/bench-batch.ts). Not part of
 * `npm test`: these take minutes and their figures depend on the machine.
 *
 *   npm run bench                  everything, full size
 *   npm run bench -- --items 200   a quicker, smaller batch
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { formatBatchBench, runBatchBench, writeBenchResult } from "./bench-batch";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { items: { type: "string" } } });
  const items = values.items ? Number(values.items) : undefined;
  const batch = await runBatchBench({ items });
  console.log(formatBatchBench(batch));
  console.log(`Wrote ${path.relative(process.cwd(), await writeBenchResult("batch", batch))}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
