/**
 * Files that are either wholly old or wholly new: written to a temporary file in the same folder
 * and renamed over the target (rename is atomic within a file system), so a run killed at any
 * instant (SIGKILL, a crash) never leaves a half-written record or image. No fsync: what was
 * renamed survives the death of the process, which is what a batch run has to survive; a power
 * cut may lose the last few seconds, which a re-run redoes.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const madeDirs = new Set<string>();

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
