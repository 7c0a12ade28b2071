/**
 * Only lib/config reads process.env (eslint.layers.mjs `envRule`): a new read anywhere else
 * fails the lint, with the project's own ESLint config.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function envProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

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
