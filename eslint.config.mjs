import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

// Next's recommended rules (React, hooks, Core Web Vitals, TypeScript) plus the full set of
// jsx-a11y recommendations: the studio is driven by keyboard and screen reader as much as by mouse.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  { files: ["**/*.tsx"], rules: { ...jsxA11y.configs.recommended.rules } },
  { rules: { "@typescript-eslint/no-explicit-any": "error" } },
  globalIgnores([".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "data/**"]),
]);
