import nextPlugin from "@next/eslint-plugin-next";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { envRule, layerRules } from "./eslint.layers.mjs";

// Next's rules (with Core Web Vitals), React hooks, TypeScript, and the full jsx-a11y
// recommendations: the studio is driven by keyboard and screen reader as much as by mouse.
// Assembled from the plugins rather than eslint-config-next, whose import resolver pulls
// platform binaries this registry lacks, which breaks `npm ci` from the lockfile.
export default defineConfig([
  ...tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs.flat.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  { files: ["**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  { rules: { "@typescript-eslint/no-explicit-any": "error" } },
  ...layerRules,
  envRule,
  globalIgnores([".next/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "data/**"]),
]);
