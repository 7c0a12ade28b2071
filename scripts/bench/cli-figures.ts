/**
 * The command-line tools' figures, against the paced fixture upstream on loopback:
 *
 * - start: from spawning the compiled `batch` CLI to the fixture seeing its first chat request
 *   (median of five starts; each run is killed once it has asked);
 * - parallel: one item's chain alone (reference mode: 8 calls), then 24 items at concurrency 32:
 *   with every item in flight at once the run should take about one chain (target: wall time
 *   ≤ 1.25 × the chain). Both from the CLI's report (its wall time, start-up excluded).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { childProcessEnv } from "../../lib/config/studio-config";
import { startPacedUpstream } from "../../test/support/paced-upstream";
import { BATCH_CLI, FIXTURE_PACE } from "../bench-batch";
import { median } from "./stats";

const CSV = path.join(process.cwd(), "fixtures", "introsvg", "example-prompts.csv");

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BATCH_CLI, "--csv", CSV, "--mode", "reference", ...args], {
    env: childProcessEnv({ NODE_ENV: "production", ...env }, ["PATH", "HOME"]),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

export interface CliFigures {
  startMs: number[];
  startMedianMs: number;
  chainMs: number;
  parallel: { items: number; concurrency: number; wallMs: number; failed: number; peakRssMb: number };
}

export async function cliFigures(log: (line: string) => void): Promise<CliFigures> {
  const work = await mkdtemp(path.join(os.tmpdir(), "bench-cli-"));
  const upstream = await startPacedUpstream(FIXTURE_PACE);
  const env = { INFERENCE_BASE_URL: upstream.baseURL };
  try {
    log("CLI start to its first request (5 starts)…");
    const startMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const asked = upstream.requests().length;
      const spawned = Date.now();
      const run = cli(["--out", path.join(work, `start-${i}`), "--limit", "1", "--concurrency", "1"], env);
      const deadline = spawned + 30_000;
      while (upstream.requests().length === asked && Date.now() < deadline && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      const first = upstream.requests()[asked];
      run.child.kill("SIGKILL");
      await run.exit;
      if (!first) throw new Error(`the CLI asked nothing within 30 s:\n${run.stderr().slice(-1000)}`);
      startMs.push(first.startedAt - spawned);
    }

    log("one item's chain alone (reference mode)…");
    const solo = cli(["--out", path.join(work, "solo"), "--limit", "1", "--concurrency", "1"], env);
    if ((await solo.exit) !== 0) throw new Error(`the one-item run failed:\n${solo.stderr().slice(-1000)}`);
    const soloReport = JSON.parse(await readFile(path.join(work, "solo", "report.json"), "utf8")) as { wallMs: number };

    log("24 items at concurrency 32…");
    const many = cli(["--out", path.join(work, "many"), "--limit", "24", "--concurrency", "32"], env);
    const code = await many.exit;
    if (code !== 0 && code !== 1) throw new Error(`the 24-item run failed:\n${many.stderr().slice(-1000)}`);
    const report = JSON.parse(await readFile(path.join(work, "many", "report.json"), "utf8")) as {
      wallMs: number;
      peakRssMb: number;
      summary: { failed: number };
    };
    return {
      startMs,
      startMedianMs: median(startMs),
      chainMs: soloReport.wallMs,
      parallel: { items: 24, concurrency: 32, wallMs: report.wallMs, failed: report.summary.failed, peakRssMb: report.peakRssMb },
    };
  } finally {
    await upstream.close();
    await rm(work, { recursive: true, force: true });
  }
}
