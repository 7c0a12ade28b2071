/**
 * IntroSVG's 1,400 example prompts (fixtures/introsvg/example-prompts.csv, the reference repo's
 * example/test.csv), read with the production prompts-CSV reader as a batch run would.
 */
import { readFileSync } from "node:fs";
import { parsePromptsCsv, type PromptRow } from "../../lib/contract/prompts-csv";
import { introsvgFixture } from "./fixtures";

export const EXAMPLE_PROMPTS_CSV = introsvgFixture("example-prompts.csv");

let cached: PromptRow[] | undefined;

/** The example prompts in file order (read once; callers must not mutate the rows). */
export function examplePrompts(): readonly PromptRow[] {
  cached ??= parsePromptsCsv(readFileSync(EXAMPLE_PROMPTS_CSV, "utf8"));
  return cached;
}
