/**
 * `npm run build:cli` (part of `npm run build`): compiles every command-line entry in scripts/
 * (each `scripts/*.ts` that is not a test) ahead of time into dist/scripts/NAME.js, so
 * `npm run batch` and the others start in a few hundred milliseconds instead of compiling their
 * TypeScript with tsx at every start. A new entry needs nothing here: add scripts/NAME.ts and a
 * package.json script `node dist/scripts/NAME.js`.
 *
 * Each entry is bundled with the lib/ code it imports (one file to read at start, not hundreds);
 * npm packages stay external and load from node_modules as usual (native ones must). The
 * workers are compiled too — the built-in engine's process (dist/engine/answer-worker.js) and
 * the rasterizer's threads (dist/raster/raster-worker.js) — and the entries point at them, so
 * no start goes through tsx. The production studio server finds the raster worker in dist/.
 */
import { build } from "esbuild";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist");

/** The entries: scripts/*.ts except tests and declarations. */
export function cliEntries(dir = path.join(root, "scripts")) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"))
    .sort();
}

/**
 * Small pure-JS packages the start path needs, bundled in (tree-shaken, one file parsed): loaded
 * from node_modules, zod alone took ~100 ms of a ~0.5 s start (95 files, every locale). Every
 * other package stays external: native ones must, and the heavy ones load only when used.
 */
const BUNDLED = new Set(["zod", "csv-parse", "eventsource-parser"]);

/** tsconfig.json's path aliases (e.g. fast-xml-parser's validator, reached by path): esbuild resolves them. */
const ALIASED = Object.keys(JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8")).compilerOptions.paths ?? {});

const externalUnlessBundled = {
  name: "external-unless-bundled",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      if (ALIASED.includes(args.path) || args.path.startsWith("@/")) return undefined;
      if (args.path.startsWith("node:") || !BUNDLED.has(name)) return { path: args.path, external: true };
      return undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  plugins: [externalUnlessBundled],
  sourcemap: "linked",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
  absWorkingDir: root,
};

async function main() {
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  const entries = cliEntries();
  await Promise.all([
    build({
      ...common,
      entryPoints: entries.map((name) => path.join("scripts", name)),
      outdir: path.join(out, "scripts"),
      // The entries run the workers compiled beside them (lib/config/compiled-workers.ts).
      define: { __STUDIO_CLI_BUNDLE__: "true" },
    }),
    build({
      ...common,
      // Where compiled-workers.ts looks for them.
      entryPoints: { "engine/answer-worker": "lib/engine/worker/answer-worker.ts", "raster/raster-worker": "lib/raster/raster-worker.ts" },
      outdir: out,
    }),
  ]);
  console.log(
    `Compiled ${entries.length} command-line entries (${entries.map((e) => e.replace(/\.ts$/, "")).join(", ")}) and the workers into dist/ in ${Date.now() - started} ms.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
