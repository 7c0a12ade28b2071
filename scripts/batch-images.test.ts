/**
 * The batch CLI with an `image` column, offline on the built-in engine: each image row's
 * picture (a path relative to the CSV) is traced by the InternSVG-8B profile and every round is
 * measured against it; item records and report.json carry the per-round SSIM/PSNR and the means.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "batch-images-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function batch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/batch.ts", ...args], {
      cwd: ROOT,
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ENGINE_TOKENS_PER_SECOND: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

const icon = (fill: string, shape: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 32 32"><rect width="32" height="32" fill="#fff"/>${shape.replace("FILL", fill)}</svg>`,
    ),
  )
    .png()
    .toBuffer();

describe("batch CLI with an image column", () => {
  it("reports per-round and mean SSIM/PSNR for image rows", async () => {
    await mkdir(path.join(dir, "pictures"));
    await writeFile(path.join(dir, "pictures", "disc.png"), await icon("#f8312f", '<circle cx="16" cy="16" r="11" fill="FILL"/>'));
    await writeFile(path.join(dir, "pictures", "square.png"), await icon("#2f88ff", '<rect x="6" y="6" width="20" height="20" rx="3" fill="FILL"/>'));
    const csv = path.join(dir, "prompts.csv");
    await writeFile(csv, "id,desc,image\nd1,a red disc,pictures/disc.png\ns1,a blue square,pictures/square.png\nt1,a green leaf,\n");
    const out = path.join(dir, "out");
    const run = await batch(["--csv", csv, "--out", out, "--profile", "internsvg-8b", "--max-refinements", "1", "--concurrency", "2"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
    expect(report.summary.meanSsim).toBeGreaterThanOrEqual(0.9);
    expect(report.summary.meanPsnr).toBeGreaterThanOrEqual(20);
    const disc = JSON.parse(await readFile(path.join(out, "items", "d1.json"), "utf8"));
    expect(disc.outcome.match.rounds.length).toBeGreaterThanOrEqual(1);
    expect(disc.outcome.match.bestSsim).toBeGreaterThanOrEqual(0.9);
    expect(disc.rounds[0].match.ssim).toBe(disc.outcome.match.rounds[0].ssim);
    // The text row has no picture and no match.
    const text = JSON.parse(await readFile(path.join(out, "items", "t1.json"), "utf8"));
    expect(text.outcome.match).toBeUndefined();
    expect(report.roundMeans[0].meanSsim).toBeGreaterThanOrEqual(0.9);
  }, 180_000);

  it("refuses a CSV whose image row names a missing or non-picture file, naming the row", async () => {
    const csv = path.join(dir, "bad.csv");
    await writeFile(path.join(dir, "notes.png"), "not a picture at all");
    await writeFile(csv, "id,desc,image\nx1,a thing,notes.png\n");
    const run = await batch(["--csv", csv, "--out", path.join(dir, "bad-out")]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("row 'x1': image 'notes.png': The file is not a PNG, JPEG or WebP image");
    await writeFile(csv, "id,desc,image\nx1,a thing,../outside.png\n");
    const outside = await batch(["--csv", csv, "--out", path.join(dir, "bad-out")]);
    expect(outside.stderr).toContain("leaves the CSV file's folder");
  }, 60_000);
});
