/**
 * `npm run batch -- … --icon-set DIR` as a person runs it (a child process against the paced
 * fixture upstream): DIR holds the batch page's icon set, file for file — the same builder
 * (lib/batch/icon-set-files.ts) run here over the items' records gives the same bytes — with an
 * optimized SVG per finished item, the sprite, a component per item with index.ts, icons.json
 * and the contact sheet; a failed item is left out and named. A DIR that is a file is refused
 * before the run.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iconSetFiles } from "../lib/batch/icon-set-files";
import { readItemRecord } from "../lib/batch/output-folder";
import { renderSvgPng } from "../lib/raster/node";
import { startPacedUpstream, type PacedUpstream } from "../test/support/paced-upstream";
import { parseSvgStrict, unsafeParts } from "../test/support/unsafe-svg";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
let upstream: PacedUpstream;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "batch-icon-set-"));
  upstream = await startPacedUpstream({ ttftMs: 2, chunkMs: 1, chunkChars: 256 });
});
afterAll(async () => {
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

function batch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/batch.ts", ...args], {
    cwd: ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", INFERENCE_BASE_URL: upstream.baseURL },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

/** Every file under `root`, as paths relative to it with "/" between folders. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

const ROWS = [
  { id: "sun", desc: "a sun start:3" },
  { id: "moon-2", desc: "a moon start:2" },
  { id: "kite", desc: "a kite fault:http-400" },
];

describe("npm run batch -- --icon-set DIR", () => {
  it("writes the icon set of the run's items: the batch page's files, the failed item left out", async () => {
    const csv = path.join(dir, "icons.csv");
    await writeFile(csv, "id,desc\n" + ROWS.map((r) => `${r.id},${r.desc}`).join("\n") + "\n");
    const out = path.join(dir, "run");
    const icons = path.join(dir, "icons");
    const run = await batch(["--csv", csv, "--out", out, "--icon-set", icons, "--attempts", "1"]);
    // One item failed for good, so the status is 1; the set is written all the same.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`Wrote the icon set of 2 icon(s) to ${icons}/; left out for want of an SVG: kite`);

    const names = await filesUnder(icons);
    expect(names).toEqual([
      "contact-sheet.png",
      "icons.json",
      "react/Moon2.tsx",
      "react/Sun.tsx",
      "react/index.ts",
      "sprite.svg",
      "svg/moon-2.svg",
      "svg/sun.svg",
    ]);

    // The same builder over the run's records gives the same bytes: the CLI's set is the route's.
    const sources = await Promise.all(
      ROWS.map(async (r) => {
        const record = await readItemRecord(path.join(out, "items", `${r.id}.json`));
        return { id: r.id, desc: record!.desc, rounds: record!.rounds };
      }),
    );
    const expected = await iconSetFiles(sources);
    expect(Object.keys(expected).sort()).toEqual(names);
    for (const name of names) expect(Buffer.compare(await readFile(path.join(icons, name)), Buffer.from(expected[name])), name).toBe(0);

    const manifest = JSON.parse(await readFile(path.join(icons, "icons.json"), "utf8"));
    // The paced critic scores a blue square 9.7: both items ended there.
    expect(manifest).toEqual({
      icons: [
        { id: "sun", svg: "svg/sun.svg", symbol: "sun", component: "Sun", score: 9.7 },
        { id: "moon-2", svg: "svg/moon-2.svg", symbol: "moon-2", component: "Moon2", score: 9.7 },
      ],
      skipped: ["kite"],
    });

    const sprite = parseSvgStrict(await readFile(path.join(icons, "sprite.svg"), "utf8"));
    expect(Array.from(sprite.getElementsByTagName("symbol"), (s) => s.getAttribute("id"))).toEqual(["sun", "moon-2"]);
    expect(await readFile(path.join(icons, "react/index.ts"), "utf8")).toBe('export { Sun } from "./Sun";\nexport { Moon2 } from "./Moon2";\n');
    expect(await readFile(path.join(icons, "react/Sun.tsx"), "utf8")).toMatch(/export default Sun/);

    // Each optimized SVG draws its item's final picture (the run's final_svgs/{id}.svg).
    for (const id of ["sun", "moon-2"]) {
      const optimized = await readFile(path.join(icons, "svg", `${id}.svg`), "utf8");
      parseSvgStrict(optimized);
      expect(unsafeParts(optimized)).toEqual([]);
      const original = await readFile(path.join(out, "final_svgs", `${id}.svg`), "utf8");
      const a = PNG.sync.read(renderSvgPng(optimized, { width: 200, height: 200 })).data;
      const b = PNG.sync.read(renderSvgPng(original, { width: 200, height: 200 })).data;
      let off = 0;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 2) off++;
      expect(off, id).toBe(0);
    }
    const sheet = PNG.sync.read(await readFile(path.join(icons, "contact-sheet.png")));
    expect([sheet.width, sheet.height]).toEqual([16 * 2 + 2 * 160, 16 * 2 + 196]);

    // A second run on the finished folder asks the upstream nothing and writes the same set.
    const asked = upstream.requests().length;
    const again = await batch(["--csv", csv, "--out", out, "--icon-set", icons, "--attempts", "1", "--ids", "sun,moon-2"]);
    expect(again.code, again.stderr).toBe(0);
    expect(upstream.requests().length).toBe(asked);
    expect(again.stderr).toContain(`Wrote the icon set of 2 icon(s) to ${icons}/`);
  }, 120_000);

  it("refuses an --icon-set that is a file, before the run", async () => {
    const csv = path.join(dir, "one.csv");
    await writeFile(csv, "id,desc\nsun,a sun start:3\n");
    const file = path.join(dir, "not-a-folder");
    await writeFile(file, "x");
    const asked = upstream.requests().length;
    const run = await batch(["--csv", csv, "--out", path.join(dir, "refused"), "--icon-set", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`batch: --icon-set: ${file} exists and is not a folder`);
    expect(upstream.requests().length).toBe(asked);
    await expect(readdir(path.join(dir, "refused"))).rejects.toThrow();
  }, 60_000);
});
