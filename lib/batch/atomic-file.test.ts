/** Atomic writes off the event loop: the last data wins, superseded writes are skipped, nothing half-written is left. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-file";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atomic-file-"));
  dirs.push(dir);
  return dir;
}

describe("writeFileAtomic", () => {
  it("writes into folders it makes, and leaves no temporary file", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "a", "b", "record.json");
    await writeFileAtomic(file, '{"v":1}\n');
    expect(await readFile(file, "utf8")).toBe('{"v":1}\n');
    expect(await readdir(path.dirname(file))).toEqual(["record.json"]);
  });

  it("settles every caller once data at least as new as theirs is in place; the newest wins", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "record.json");
    const seen: string[] = [];
    const writes = Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `v${i}`).then(async () => seen.push(await readFile(file, "utf8"))));
    await Promise.all(writes);
    expect(await readFile(file, "utf8")).toBe("v19");
    // Each caller read a version at least as new as its own (the first write, then the newest).
    seen.forEach((v, i) => expect(Number(v.slice(1))).toBeGreaterThanOrEqual(i));
    expect(await readdir(dir)).toEqual(["record.json"]);
  });

  it("rejects when the file cannot be written, and the next write to it still works", async () => {
    const dir = await tempDir();
    await writeFileAtomic(path.join(dir, "x", "f"), "1");
    // A directory where the file should be: the rename fails.
    await expect(writeFileAtomic(path.join(dir, "x"), "2")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["x"]);
    await writeFileAtomic(path.join(dir, "y"), "3");
    expect(await readFile(path.join(dir, "y"), "utf8")).toBe("3");
  });
});
