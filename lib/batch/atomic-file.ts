/**
 * Files that are either wholly old or wholly new: written to a temporary file in the same folder
 * and renamed over the target (rename is atomic within a file system), so a run killed at any
 * instant (SIGKILL, a crash) never leaves a half-written record or image. No fsync: what was
 * renamed survives the death of the process, which is what a batch run has to survive; a power
 * cut may lose the last few seconds, which a re-run redoes.
 *
 * The calls are synchronous on purpose: a batch writes a few small files per step, and the
 * promise API's per-call cost (a file handle object, a thread-pool hop each for open, write,
 * close and rename) showed up as the largest item of the CLI's CPU profile at 32 items in
 * flight; a synchronous write of a few kB blocks the loop for well under a millisecond.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const madeDirs = new Set<string>();
let counter = 0;

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  // Unique within the process (a counter) and across processes (the pid).
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    try {
      writeFileSync(temp, data);
    } catch (e) {
      // The folder went away under a running batch (deleted by hand): make it again, once.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, data);
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
