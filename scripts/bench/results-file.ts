/**
 * Where a benchmark run's figures go: bench/runs/NAME.json, which git ignores, so running
 * `npm run bench` leaves the tree clean. `--baseline` also writes bench/results/NAME.json, the
 * committed figures docs/benchmarks.md quotes: written on purpose, never by an ordinary run.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export async function writeBenchResult(name: string, data: object, options: { baseline?: boolean } = {}): Promise<string[]> {
  const body =
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model ?? "",
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
          loadAverage: os.loadavg(),
        },
        ...data,
      },
      null,
      2,
    ) + "\n";
  const written: string[] = [];
  for (const dir of options.baseline ? ["runs", "results"] : ["runs"]) {
    const file = path.join(process.cwd(), "bench", dir, `${name}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    written.push(path.relative(process.cwd(), file));
  }
  return written;
}
