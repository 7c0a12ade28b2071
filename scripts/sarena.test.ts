/**
 * `npm run sarena` as a researcher runs it: child processes against real HTTP upstreams. The
 * SArena-format fixture (fixtures/sarena) goes through the fault-injecting fixture upstream with
 * the InternSVG-8B profile (behind a recording proxy that also answers the multiple-choice
 * questions, and fails one request once, to be retried), then through the built-in engine in
 * paper mode. Checked: InternSVG's layout exactly, what was sent, resuming, and the metrics
 * against reference values computed with scikit-image (fixtures/sarena/reference.py).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_SVG, startFaultUpstream } from "../e2e/fixtures/fault-upstream";
import { startRecordingServer, type RecordingServer } from "../test/support/recording-server";

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(ROOT, "fixtures", "sarena");
const reference = JSON.parse(readFileSync(path.join(FIXTURE, "reference.json"), "utf8")) as {
  groups: Record<string, Record<string, { ssim: number; psnr: number; valid: boolean }>>;
  understanding: { accuracy: number; bySubject: Record<string, number> };
};

let dir: string;
let fault: Awaited<ReturnType<typeof startFaultUpstream>>;
let proxy: RecordingServer;
const sent: Array<{ text: string; temperature: unknown; max_tokens: unknown; image: string | null }> = [];
let failedOnce = false;

/** The proxy's own answers to the understanding questions: right, right (in prose), wrong, unreadable. */
const LETTERS: Array<[RegExp, string]> = [
  [/What does this icon show/, "B"],
  [/What colour is the shape/, "The answer is A."],
  [/What colour is the square/, "D. Black"],
  [/Which way does the arrow point/, "I cannot tell from the code."],
];

function sse(res: import("node:http").ServerResponse, text: string) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`);
  res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 9, completion_tokens: 3 } })}\n\n`);
  res.end("data: [DONE]\n\n");
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "sarena-cli-"));
  fault = await startFaultUpstream();
  proxy = await startRecordingServer(async (req, res, body) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (body && url.pathname.endsWith("/chat/completions")) {
      const raw = (body.messages as Array<{ content: unknown }>)[0].content;
      const content = (typeof raw === "string" ? [{ type: "text", text: raw }] : raw) as Array<{ type: string; text?: string; image_url?: { url: string } }>;
      const text = content
        .filter((p) => p.type === "text")
        .map((p) => p.text)
        .join("");
      sent.push({
        text,
        temperature: body.temperature,
        max_tokens: body.max_tokens,
        image: content.find((p) => p.type === "image_url")?.image_url?.url ?? null,
      });
      const letter = LETTERS.find(([re]) => re.test(text));
      if (letter) return void sse(res, letter[1]);
      if (text.includes("A green circle") && !failedOnce) {
        failedOnce = true;
        res.writeHead(503, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ message: "Service unavailable (test)", code: 503 }));
      }
    }
    const upstream = await fetch(fault.baseURL.replace(/\/v1$/, "") + url.pathname, {
      method: req.method,
      headers: { "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
});
afterAll(async () => {
  await proxy.close();
  await fault.close();
  if (process.env.SARENA_KEEP_RUN) await cp(path.join(dir, "fixture-run"), process.env.SARENA_KEEP_RUN, { recursive: true });
  await rm(dir, { recursive: true, force: true });
});

function sarena(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/sarena.ts", ...args], {
    cwd: ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

const INPUT = {
  text2svg: path.join(FIXTURE, "generation", "text2svg.jsonl"),
  img2svg: path.join(FIXTURE, "generation", "img2svg.jsonl"),
  edit: path.join(FIXTURE, "edit"),
  understanding: path.join(FIXTURE, "understanding", "sarena_un.jsonl"),
};

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);
const metrics = (file: string) => lines(file).map((l) => JSON.parse(l) as { id: number; valid: boolean; ssim: number | null; psnr: number | null });

describe("npm run sarena", () => {
  it("writes InternSVG's layout through the fault upstream with the InternSVG-8B profile, scored as scikit-image scores it", async () => {
    const out = path.join(dir, "fixture-run");
    const env = { INFERENCE_BASE_URL: `${proxy.origin}/v1`, INTERNSVG_MODEL: "fault-fixture-introsvg" };
    const common = ["--profile", "internsvg-8b", "--out", out, "--attempts", "3"];
    for (const task of ["text2svg", "img2svg", "edit", "understanding"] as const) {
      const run = await sarena(["--task", task, "--jsonl", INPUT[task], ...common], env);
      // text2svg/2 is cut off (an answer, invalid); flip/1 is refused (no answer): both runs exit 1.
      expect(run.code, run.stderr).toBe(task === "edit" ? 1 : 0);
      if (task === "text2svg") expect(run.stderr).toMatch(/retry: generate failed \(upstream:http/);
    }

    // InternSVG's files, and the studio's rounds/ and metrics.jsonl beside them; nothing else in edit/.
    expect(await readdir(path.join(out, "edit"))).toEqual(["color_simple", "flip"]);
    expect(await files(path.join(out, "text2svg"))).toEqual([
      "images/0.png",
      "images/1.png",
      "metrics.jsonl",
      "output.jsonl",
      "rounds/0.json",
      "rounds/1.json",
      "rounds/2.json",
      "svg/0.svg",
      "svg/1.svg",
    ]);
    expect(await files(path.join(out, "edit", "flip"))).toEqual([
      "images/0.png",
      "metrics.jsonl",
      "output.jsonl",
      "rounds/0.json",
      "rounds/1.json",
      "svg/0.svg",
    ]);
    expect(await files(path.join(out, "understanding"))).toEqual([
      "metrics.jsonl",
      "output.jsonl",
      "rounds/0.json",
      "rounds/1.json",
      "rounds/2.json",
      "rounds/3.json",
    ]);

    // output.jsonl as json.dumps writes it; svg/ the extracted SVG; images/ 448×448.
    const answers = lines(path.join(out, "img2svg", "output.jsonl"));
    expect(answers).toHaveLength(3);
    for (const line of answers) {
      expect(line).toMatch(/^\{"id": 1[012], "answer": ".*"\}$/);
      expect(JSON.parse(line).answer).toBe(GOOD_SVG);
    }
    expect(readFileSync(path.join(out, "img2svg", "svg", "11.svg"), "utf8")).toBe(GOOD_SVG);
    const png = PNG.sync.read(readFileSync(path.join(out, "img2svg", "images", "11.png")));
    expect([png.width, png.height]).toEqual([448, 448]);
    expect(lines(path.join(out, "understanding", "output.jsonl"))).toEqual([
      '{"id": 0, "result": "B"}',
      '{"id": 1, "result": "A"}',
      '{"id": 2, "result": "D"}',
      '{"id": 3, "result": "X"}',
    ]);

    // What was sent: the question as it is (edits with InternSVG's suffix), temperature 0, 4,000 tokens, img2svg with its image.
    const generations = sent.filter((s) => !s.text.startsWith("You are a professional SVG design critic"));
    expect(generations.length).toBeGreaterThanOrEqual(13);
    for (const s of generations) expect([s.temperature, s.max_tokens]).toEqual([0, 4000]);
    const img = sent.filter((s) => s.text === "Please convert this image into SVG code.");
    expect(img).toHaveLength(3);
    for (const s of img) expect(s.image).toMatch(/^data:image\/png;base64,/);
    expect(img.map((s) => s.image)).toContain(`data:image/png;base64,${readFileSync(path.join(FIXTURE, "generation", "images", "11.png")).toString("base64")}`);
    expect(sent.filter((s) => s.text.endsWith("</svg>\nOnly output the svg code, no other text.") && s.text.startsWith("Flip the arrow"))).toHaveLength(1);

    // Metrics against scikit-image's.
    for (const [group, ref] of Object.entries(reference.groups)) {
      for (const m of metrics(path.join(out, group, "metrics.jsonl"))) {
        const r = ref[String(m.id)];
        expect(m.valid, `${group} ${m.id}`).toBe(r.valid);
        expect(m.ssim!, `${group} ${m.id} SSIM`).toBeCloseTo(r.ssim, 6);
        expect(m.psnr!, `${group} ${m.id} PSNR`).toBeCloseTo(r.psnr, 6);
      }
    }
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(report.tasks.img2svg.summary.ssim).toBeCloseTo(mean(Object.values(reference.groups.img2svg).map((r) => r.ssim)), 6);
    expect(report.tasks.text2svg.summary).toMatchObject({ items: 3, answered: 3, valid: 2 });
    expect(report.tasks.text2svg.summary.successRate).toBeCloseTo(2 / 3, 9);
    expect(report.tasks.edit.summary).toMatchObject({ items: 4, answered: 3, valid: 3, successRate: 0.75 });
    expect(report.tasks.edit.groups.flip).toMatchObject({ items: 2, valid: 1, successRate: 0.5 });
    expect(report.tasks.img2svg.summary.meanOutputTokens).toBeGreaterThan(0);
    expect(report.tasks.understanding.understanding.accuracy * 100).toBeCloseTo(reference.understanding.accuracy, 9);
    for (const [subject, acc] of Object.entries(reference.understanding.bySubject)) {
      expect(report.tasks.understanding.understanding.bySubject[subject].accuracy * 100).toBeCloseTo(acc, 9);
    }

    // Resumable: a re-run asks nothing for ids already written; --retry-failed asks the refused edit again.
    const before = sent.length;
    const again = await sarena(["--task", "img2svg", "--jsonl", INPUT.img2svg, ...common], env);
    expect(again.code, again.stderr).toBe(0);
    expect(sent.length).toBe(before);
    expect(lines(path.join(out, "img2svg", "output.jsonl"))).toEqual(answers);
    const edit = await sarena(["--task", "edit", "--jsonl", INPUT.edit, ...common, "--retry-failed"], env);
    expect(edit.code).toBe(1);
    expect(sent.slice(before).map((s) => s.text.split("\n")[0])).toEqual(["Flip the star vertically. fault:http-400"]);
  }, 240_000);

  it("runs the studio's loop in paper mode on the built-in engine, with metrics per round", async () => {
    const out = path.join(dir, "engine-run");
    const run = await sarena(["--task", "img2svg", "--jsonl", INPUT.img2svg, "--out", out, "--mode", "paper", "--concurrency", "3"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Built-in engine/i);
    for (const id of [10, 11, 12]) {
      expect(existsSync(path.join(out, "img2svg", "svg", `${id}.svg`))).toBe(true);
      const record = JSON.parse(readFileSync(path.join(out, "img2svg", "rounds", `${id}.json`), "utf8"));
      expect(record.rounds[0].critique.score).toBeGreaterThanOrEqual(0);
    }
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
    const summary = report.tasks.img2svg.summary;
    expect(summary.perRound.length).toBeGreaterThanOrEqual(1);
    expect(summary.perRound[0]).toMatchObject({ round: 1 });
    expect(summary.perRound[0].meanScore).not.toBeNull();
    // The answer's figures are those of the items' chosen rounds, in the range SArena allows.
    expect(summary.successRate).toBe(1);
    expect(summary.ssim).toBeGreaterThan(0);
    expect(summary.ssim).toBeLessThanOrEqual(1);
    for (const m of metrics(path.join(out, "img2svg", "metrics.jsonl"))) expect((m as { rounds?: unknown[] }).rounds?.length).toBeGreaterThanOrEqual(1);
  }, 240_000);

  it("refuses bad input before anything starts", async () => {
    const bad = await sarena(["--task", "text2svg", "--jsonl", path.join(FIXTURE, "nowhere.jsonl"), "--out", path.join(dir, "x")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot read .*nowhere\.jsonl: ENOENT/);
    const task = await sarena(["--task", "svg2text", "--jsonl", INPUT.text2svg, "--out", path.join(dir, "x")]);
    expect(task.code).toBe(2);
    expect(task.stderr).toMatch(/--task must be one of text2svg, img2svg, edit, understanding/);
  }, 60_000);
});
