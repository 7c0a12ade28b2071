/**
 * The batch CLI as a person runs it: a child process against the paced fixture upstream over
 * loopback HTTP. Killed mid-run (SIGINT, SIGKILL), a re-run on the same --out completes every
 * item and asks the upstream nothing again for the steps already done (counted at the fixture).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPacedUpstream, type PacedUpstream } from "../test/support/paced-upstream";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
let upstream: PacedUpstream | null = null;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "batch-cli-"));
});
afterEach(async () => {
  await upstream?.close();
  upstream = null;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

function batch(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/batch.ts", ...args], {
    cwd: ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, stderr: () => stderr, exit };
}

/** 12 prompts whose paper loops take 1–3 rounds on the paced upstream: 48 requests in all. */
const ROWS = Array.from({ length: 12 }, (_, i) => ({ id: `p${String(i + 1).padStart(2, "0")}`, desc: `cli icon ${i + 1} start:${(i % 3) + 1}` }));
const NEEDED = ROWS.reduce((n, r) => n + 2 * (4 - Number(r.desc.slice(-1))), 0);

async function writeCsv(name: string): Promise<string> {
  const file = path.join(dir, name);
  // A BOM and CRLF line ends, as a spreadsheet writes them.
  await writeFile(file, "\uFEFFid,desc\r\n" + ROWS.map((r) => `${r.id},"${r.desc}"`).join("\r\n") + "\r\n");
  return file;
}

async function records(out: string): Promise<Array<{ id: string; status: string }>> {
  const files = await readdir(path.join(out, "items")).catch(() => [] as string[]);
  return Promise.all(files.filter((f) => f.endsWith(".json")).map(async (f) => JSON.parse(await readFile(path.join(out, "items", f), "utf8"))));
}

const completed = (u: PacedUpstream) => u.requests().filter((r) => r.outcome === "completed");

async function killMidRunThenResume(signal: "SIGINT" | "SIGKILL", out: string) {
  // Steps of ~0.3 s, so a stop lands while requests stream even on a busy machine.
  upstream = await startPacedUpstream({ ttftMs: 20, chunkMs: signal === "SIGINT" ? 20 : 6, chunkChars: 48 });
  const csv = await writeCsv(`prompts-${signal}.csv`);
  const args = ["--csv", csv, "--out", out, "--concurrency", "3"];
  const env = { INFERENCE_BASE_URL: upstream.baseURL };
  const first = batch(args, env);
  const u = upstream;
  await expect.poll(() => completed(u).length >= 14 && u.requests().some((r) => r.outcome === "pending"), { timeout: 30_000, interval: 5 }).toBe(true);
  first.child.kill(signal);
  const code = await first.exit;
  const before = await records(out);
  const finishedFirst = before.filter((r) => r.status === "done").map((r) => r.id);
  const requestsBefore = u.requests().length;
  expect(finishedFirst.length).toBeGreaterThan(0);
  expect(finishedFirst.length).toBeLessThan(ROWS.length);

  const second = batch(args, env);
  expect(await second.exit, second.stderr()).toBe(0);
  const after = await records(out);
  expect(after.map((r) => r.status)).toEqual(Array(ROWS.length).fill("done"));
  // Nothing asked again for the items finished before the kill…
  for (const id of finishedFirst) {
    const desc = ROWS.find((r) => r.id === id)!.desc;
    expect(
      u
        .requests()
        .slice(requestsBefore)
        .filter((r) => r.text.includes(desc)),
      id,
    ).toEqual([]);
  }
  // …and every step answered once, but for those in flight at the kill (3 at most).
  expect(completed(u).length).toBeGreaterThanOrEqual(NEEDED);
  // At most two steps an item in flight (3 items) are asked again: the one streaming at the kill,
  // and one that had answered while its save still waited for the write pool.
  expect(completed(u).length).toBeLessThanOrEqual(NEEDED + 6);
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  expect(report).toMatchObject({ interrupted: false, summary: { items: 12, done: 12, failed: 0, renderSuccessRate: 1 } });
  expect(second.stderr()).toMatch(/item\(s\) already finished by an earlier run/);
  expect(second.stderr()).toMatch(/Render success rate \(RSR\)\s+\| 100\.0 %/);
  return { code, first, upstream: u };
}

describe("npm run batch", () => {
  it("stops cleanly on Ctrl-C (requests aborted upstream) and a re-run completes without repeating a step", async () => {
    const out = path.join(dir, "sigint");
    const { code, first, upstream: u } = await killMidRunThenResume("SIGINT", out);
    expect(code).toBe(130);
    await expect.poll(() => u.requests().some((r) => r.outcome === "closed-early"), { timeout: 10_000 }).toBe(true);
    expect(first.stderr()).toMatch(/Stopping: aborting the requests in flight/);
    expect(first.stderr()).toMatch(/Interrupted: re-run the same command to continue/);
  }, 90_000);

  it("survives SIGKILL mid-run: the re-run completes from the last saved step", async () => {
    const out = path.join(dir, "sigkill");
    const { code } = await killMidRunThenResume("SIGKILL", out);
    expect(code).toBe(-1);
    // Atomic writes: every record on disk parsed above; final files are whole PNGs.
    const png = await readFile(path.join(out, "final_pngs", "p01.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  }, 90_000);

  it("with --candidates 3 asks the generator three times per item at once, with distinct seeds, and keeps every candidate", async () => {
    upstream = await startPacedUpstream({ ttftMs: 60, chunkMs: 15, chunkChars: 48 });
    const csv = await writeCsv("candidates.csv");
    const out = path.join(dir, "candidates");
    const run = batch(["--csv", csv, "--out", out, "--concurrency", "2", "--limit", "4", "--candidates", "3", "--max-refinements", "1"], {
      INFERENCE_BASE_URL: upstream.baseURL,
    });
    expect(await run.exit, run.stderr()).toBe(0);
    const drafts = upstream.requests().filter((r) => r.role === "generator");
    for (const row of ROWS.slice(0, 4)) {
      const mine = drafts.filter((r) => r.text.includes(row.desc));
      expect(mine, row.id).toHaveLength(3);
      expect(new Set(mine.map((r) => r.seed)).size, row.id).toBe(3);
      expect(mine.every((r) => Number.isInteger(r.seed))).toBe(true);
      // Overlapping in time: each began before any of the three had ended.
      const firstEnd = Math.min(...mine.map((r) => r.endedAt!));
      expect(
        mine.every((r) => r.startedAt < firstEnd),
        row.id,
      ).toBe(true);
      // The item's record holds every candidate with its seed and score; round 1 is the chosen one.
      const record = JSON.parse(await readFile(path.join(out, "items", `${row.id}.json`), "utf8"));
      expect(record.candidates.map((c: { seed: number }) => c.seed).sort()).toEqual(mine.map((r) => r.seed).sort());
      expect(record.candidates.every((c: { critique: { score: number } | null }) => typeof c.critique?.score === "number")).toBe(true);
      const chosen = record.candidates.find((c: { candidate: number }) => c.candidate === record.rounds[0].candidate);
      expect(record.rounds[0].svg).toBe(chosen.svg);
      expect(await readFile(path.join(out, "intermediate_files", "00_initial_drafts", `${row.id}.svg`), "utf8")).toBe(chosen.svg);
    }
    // Refinements are asked once per round, without a seed.
    expect(
      upstream
        .requests()
        .filter((r) => r.role === "refiner")
        .every((r) => r.seed === null),
    ).toBe(true);
  }, 90_000);

  it("refuses a bad CSV with its line number, and unknown --ids", async () => {
    const bad = path.join(dir, "bad.csv");
    await writeFile(bad, "id,desc\na,a kite\nb,\n");
    const run = batch(["--csv", bad, "--out", path.join(dir, "bad-out")]);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(/bad\.csv: line 3: desc is empty/);
    // The error and one line pointing at --help, not the whole usage text after it.
    expect(run.stderr().trim().split("\n").slice(-2)).toEqual([
      expect.stringMatching(/line 3: desc is empty/),
      "Run `npm run batch -- --help` for the options.",
    ]);
    expect(run.stderr()).not.toMatch(/Usage:/);

    const dup = path.join(dir, "dup.csv");
    await writeFile(dup, "id,desc\na,a kite\na,a star\n");
    const again = batch(["--csv", dup, "--out", path.join(dir, "dup-out")]);
    expect(await again.exit).toBe(2);
    expect(again.stderr()).toMatch(/line 3: id 'a' repeats line 2/);

    const ids = batch(["--csv", await writeCsv("ids.csv"), "--out", path.join(dir, "ids-out"), "--ids", "p01,zz"]);
    expect(await ids.exit).toBe(2);
    expect(ids.stderr()).toMatch(/--ids names 1 id\(s\) not in the CSV: zz/);

    // An unknown --profile: the routes' message, before any folder is made.
    const profile = batch(["--csv", await writeCsv("profile.csv"), "--out", path.join(dir, "profile-out"), "--profile", "gpt-9"]);
    expect(await profile.exit).toBe(2);
    expect(profile.stderr()).toContain('batch: No profile "gpt-9"; the studio has "intro-svg", "internsvg-8b", "chat".');
    await expect(readFile(path.join(dir, "profile-out", "batch.json"))).rejects.toThrow();
  }, 60_000);
});
