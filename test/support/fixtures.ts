/** Where the tests' data lives: `fixtures/` at the repository root, resolved from this file. */
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** A path under `fixtures/introsvg/` (see its README for the files' source and licence). */
export function introsvgFixture(...parts: string[]): string {
  return path.join(REPO_ROOT, "fixtures", "introsvg", ...parts);
}
