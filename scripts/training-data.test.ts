/**
 * `npm run training-data` on a real batch run: `npm run batch` against the paced fixture upstream
 * (its critic scores the three versions of a drawing 6.0, 8.0, 9.7, so loops have known scores),
 * then the training files from its folder, read back as LLaMA-Factory reads them (JSON, images
 * relative to the dataset folder).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPacedUpstream, type PacedUpstream } from "../test/support/paced-upstream";
import { parseCritique } from "../lib/introsvg/critique-parser";
import { buildGeneratorPrompt } from "../lib/introsvg/prompts";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
let upstream: PacedUpstream;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "training-data-"));
  upstream = await startPacedUpstream({ ttftMs: 0, chunkMs: 0 });
});
afterAll(async () => {
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

/** Drafts at version 1 (6.0 → 8.0 → 9.7), 2 (8.0 → 9.7) and 3 (9.7), two of each; one fails for good. */
const PROMPTS = [
  ["kite", "a kite start:1"],
  ["mug", "a mug start:1"],
  ["tree", "a tree start:2"],
  ["bell", "a bell start:2"],
  ["house", "a house start:3"],
  ["heart", "a heart start:3"],
  ["broken", "a broken one fault:http-400"],
];

describe("npm run training-data", () => {
  it("turns a batch run into IntroSVG training files that load, with every image they name", async () => {
    const csv = path.join(dir, "prompts.csv");
    await writeFile(csv, "id,desc\n" + PROMPTS.map(([id, desc]) => `${id},"${desc}"`).join("\n") + "\n");
    const runDir = path.join(dir, "run");
    const batch = await run("scripts/batch.ts", ["--csv", csv, "--out", runDir, "--concurrency", "3"], { INFERENCE_BASE_URL: upstream.baseURL });
    expect(batch.code, batch.stderr).toBe(1); // the broken item failed

    const dataDir = path.join(dir, "data");
    const out = await run("scripts/training-data.ts", ["--run", runDir, "--out", dataDir]);
    expect(out.code, out.stderr).toBe(0);

    // Every round's score, by prompt and SVG, from the run's own records.
    const scores = new Map<string, number>();
    for (const name of await readdir(path.join(runDir, "items"))) {
      const record = JSON.parse(await readFile(path.join(runDir, "items", name), "utf8"));
      for (const r of record.rounds)
        if (r.critique && r.svg) scores.set(`${record.desc}\u0000${r.svg}`, Math.max(r.critique.score, scores.get(`${record.desc}\u0000${r.svg}`) ?? -1));
    }
    const descOf = (prompt: string) => PROMPTS.map(([, d]) => d).find((d) => buildGeneratorPrompt(d) === prompt)!;

    const info = JSON.parse(await readFile(path.join(dataDir, "dataset_info.json"), "utf8"));
    const counts: Record<string, number> = {};
    for (const file of ["train_direct.json", "refine.json", "critic.json", "dpo.json"]) {
      const records = JSON.parse(await readFile(path.join(dataDir, file), "utf8")) as Array<{
        conversations: Array<{ value: string }>;
        chosen: { value: string };
        rejected: { value: string };
        messages: Array<{ content: string; role: string }>;
        images: string[];
      }>;
      counts[file] = records.length;
      expect(out.stdout).toMatch(new RegExp(`${file.replace(".", "\\.")}\\s+${records.length} record`));
      if (records.length > 0) expect(Object.values(info).map((e) => (e as { file_name: string }).file_name)).toContain(file);
      for (const record of records) {
        if (file === "dpo.json") {
          const desc = descOf(record.conversations[0].value);
          const chosen = scores.get(`${desc}\u0000${record.chosen.value}`)!;
          const rejected = scores.get(`${desc}\u0000${record.rejected.value}`)!;
          expect(chosen - rejected).toBeGreaterThanOrEqual(2);
          continue;
        }
        const [user, assistant] = record.messages;
        expect([user.role, assistant.role]).toEqual(["user", "assistant"]);
        const images = record.images;
        // LLaMA-Factory: as many <image> placeholders as images.
        expect(user.content.split("<image>").length - 1).toBe(images.length);
        for (const image of images) expect(existsSync(path.join(dataDir, image)), image).toBe(true);
        if (file === "critic.json") expect(parseCritique(assistant.content).ok).toBe(true);
        if (file === "train_direct.json") expect(scores.get(`${descOf(user.content)}\u0000${assistant.content}`)).toBeGreaterThanOrEqual(9);
      }
    }
    // Every item ends at 9.7; refinements raise 6 → 8 → 9.7; only a 6.0 draft is 2 below its best.
    expect(counts).toEqual({ "train_direct.json": 6, "refine.json": 2 * 2 + 2 * 1, "critic.json": 2 * 3 + 2 * 2 + 2 * 1, "dpo.json": 2 });
    expect((await readdir(path.join(dataDir, "draft_image"))).filter((f) => f.endsWith(".png"))).toHaveLength(12);
    expect(Object.keys(info)).toEqual(["introsvg_train_direct", "introsvg_refine", "introsvg_critic", "introsvg_dpo"]);
    expect(out.stdout).toMatch(/1 prompt\(s\) gave nothing:\n {2}broken: a broken one fault:http-400/);
  }, 120_000);

  it("refuses a folder that is not a batch run", async () => {
    const out = await run("scripts/training-data.ts", ["--run", path.join(dir, "nowhere"), "--out", path.join(dir, "x")]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/is not readable.*--run must be a batch run's folder/);
  }, 60_000);
});
