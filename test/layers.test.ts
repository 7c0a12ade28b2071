/**
 * The layer rules (eslint.layers.mjs) fail an upward import, and a read of process.env outside
 * lib/config: checked by linting small sources as if they lived in each folder, with the
 * project's own ESLint config.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string, rule = "no-restricted-imports"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

const envProblems = (filePath: string, code: string) => problems(filePath, code, "no-restricted-syntax");

describe("layers", () => {
  it.each([
    ["lib/loop/x.ts", 'import { runStep } from "../steps/run-step";\nexport const x = runStep;\n'],
    ["lib/db/x.ts", 'import { handleRoute } from "../routes/step-routes";\nexport const x = handleRoute;\n'],
    ["lib/svg/x.ts", 'import { loopReducer } from "../loop/loop-reducer";\nexport const x = loopReducer;\n'],
    ["lib/engine/x.ts", 'import { runStep } from "../steps/run-step";\nexport const x = runStep;\n'],
    ["lib/engine/critic/x.ts", 'import { runStep } from "../../steps/run-step";\nexport const x = runStep;\n'],
    ["lib/engine/critic/x.ts", 'import { refineSvg } from "../refiner/refiner";\nexport const x = refineSvg;\n'],
    ["lib/engine/vocabulary/x.ts", 'import { CANVAS } from "../drawing/svg-document";\nexport const x = CANVAS;\n'],
    ["lib/engine/protocol/x.ts", 'import { computeAnswer } from "../worker/answer-process";\nexport const x = computeAnswer;\n'],
    ["components/x.tsx", 'import { getDatabase } from "@/lib/db/database";\nexport const x = getDatabase;\n'],
    ["components/x.tsx", 'import { rasterizeSvgNode } from "@/lib/raster/node";\nexport const x = rasterizeSvgNode;\n'],
    ["lib/clients/x.ts", 'import { readInferenceConfig } from "../steps/config";\nexport const x = readInferenceConfig;\n'],
    ["lib/loop/x.ts", 'import { useState } from "react";\nexport const x = useState;\n'],
  ])("%s may not import upward: %s", async (file, code) => {
    expect(await problems(file, code)).toHaveLength(1);
  });

  it.each([
    ["lib/steps/x.ts", 'import { loopReducer } from "../loop/loop-reducer";\nexport const x = loopReducer;\n'],
    ["lib/routes/x.ts", 'import { getDatabase } from "../db/database";\nexport const x = getDatabase;\n'],
    ["components/x.tsx", 'import { useStudioStore } from "@/lib/store/studio-store";\nexport const x = useStudioStore;\n'],
    ["app/x.ts", 'import { getDatabase } from "@/lib/db/database";\nexport const x = getDatabase;\n'],
    ["lib/engine/refiner/x.ts", 'import { assessImage } from "../critic/critic";\nexport const x = assessImage;\n'],
    ["lib/engine/server/x.ts", 'import { computeAnswer } from "../worker/answer-process";\nexport const x = computeAnswer;\n'],
  ])("%s may import downward", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

describe("process.env outside lib/config", () => {
  it.each([
    ["lib/steps/x.ts", "export const model = process.env.INFERENCE_MODEL;\n"],
    ["lib/engine/x.ts", 'export const pace = process.env["ENGINE_TOKENS_PER_SECOND"];\n'],
    ["lib/routes/x.ts", "export const env = process.env;\n"],
    ["scripts/x.ts", "const { env } = process;\nexport const x = env.PORT;\n"],
    ["components/x.tsx", "export const token = process.env.STUDIO_ACCESS_TOKEN;\n"],
    ["proxy.ts", "export const hosts = process.env.STUDIO_ALLOWED_HOSTS;\n"],
  ])("%s is refused: %s", async (file, code) => {
    const problems = await envProblems(file, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/lib\/config/);
  });

  it.each([
    ["lib/config/x.ts", "export const model = process.env.INFERENCE_MODEL;\n"],
    ["lib/steps/x.test.ts", "export const model = process.env.INFERENCE_MODEL;\n"],
    ["lib/steps/x.ts", 'export const dev = process.env.NODE_ENV === "development";\n'],
    ["instrumentation.ts", 'export const node = process.env.NEXT_RUNTIME === "nodejs";\n'],
    ["next.config.ts", "export const x = process.env.ANYTHING;\n"],
  ])("%s may: %s", async (file, code) => {
    expect(await envProblems(file, code)).toEqual([]);
  });
});
