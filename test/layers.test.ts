/**
 * The layer rules (eslint.layers.mjs) fail an upward import: checked by linting small sources
 * as if they lived in each folder, with the project's own ESLint config.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

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
