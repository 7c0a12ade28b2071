/**
 * The layers of the code (README, "How it is built"), enforced: each folder names the folders
 * of ours it must NOT import. Imports point down only; a browser bundle never pulls in code that
 * reads process.env or the database; `lib/` (but the store) knows no React or Next.
 *
 * Unit tests are exempt: a test may drive a layer through the one above it (a route through its
 * step, say) to check the two together.
 */
const LIB = ["http", "introsvg", "svg", "raster", "loop", "contract", "export", "engine", "profiles", "steps", "db", "batch", "routes", "clients", "store"];

/** What each folder may import of the others (everything else of ours is refused). */
const MAY_IMPORT = {
  "lib/http": [],
  "lib/introsvg": [],
  "lib/svg": ["introsvg"],
  "lib/raster": ["introsvg", "svg", "http"],
  "lib/loop": ["introsvg", "svg", "http"],
  "lib/contract": ["introsvg", "svg", "http", "loop"],
  "lib/export": ["introsvg", "svg", "http", "raster", "loop", "contract"],
  "lib/engine": ["introsvg", "svg", "http", "raster"],
  "lib/profiles": ["introsvg", "svg", "http", "loop", "contract"],
  "lib/steps": ["introsvg", "svg", "http", "raster", "loop", "contract", "engine", "profiles"],
  "lib/db": ["introsvg", "svg", "http", "loop", "contract", "export"],
  "lib/batch": ["introsvg", "svg", "http", "raster", "loop", "contract", "export", "engine", "profiles", "steps", "db"],
  "lib/routes": ["introsvg", "svg", "http", "raster", "loop", "contract", "export", "engine", "profiles", "steps", "db", "batch"],
  // Browser-only: fetches the studio's own routes, touches the DOM.
  "lib/clients": ["introsvg", "svg", "http", "raster", "loop", "contract", "export"],
  "lib/store": ["introsvg", "svg", "http", "raster", "loop", "contract", "export", "clients"],
  components: ["introsvg", "svg", "http", "raster", "loop", "contract", "export", "clients", "store"],
};

/** Server-only modules that sit in folders the browser may otherwise use. */
const NODE_ONLY_FILES = ["raster/node", "svg/sanitize-in-node", "export/optimize-in-node", "export/react-component", "export/contact-sheet-png"];
const FRAMEWORKS = ["react", "react-dom", "react/*", "react-dom/*", "next", "next/*", "zustand", "zustand/*", "@tanstack/*", "@monaco-editor/*", "monaco-editor", "monaco-editor/*"];

// "../steps/run-step" from lib/, "@/lib/steps/run-step" from components/ and app/.
const folderImport = (name) => `^(@/lib/|(\\.\\./)+(lib/)?)${name}(/|$)`;

function rulesFor(folder) {
  const allowed = new Set(MAY_IMPORT[folder]);
  const own = folder.replace(/^lib\//, "");
  const refused = LIB.filter((name) => name !== own && !allowed.has(name));
  const patterns = [
    ...refused.map((name) => ({
      regex: folderImport(name),
      message: `${folder}/ may not import lib/${name}/: imports point down the layers (see eslint.layers.mjs).`,
    })),
  ];
  if (folder === "components" || folder === "lib/store" || folder === "lib/clients") {
    patterns.push(...NODE_ONLY_FILES.map((file) => ({ regex: folderImport(file), message: `lib/${file} is server-only; ${folder}/ runs in the browser.` })));
  }
  if (folder.startsWith("lib/") && folder !== "lib/store") {
    patterns.push({ group: FRAMEWORKS, message: `${folder}/ is plain TypeScript: no React, Next or UI libraries (it runs in Node scripts and tests too).` });
  }
  return patterns;
}

export const layerRules = Object.keys(MAY_IMPORT).map((folder) => ({
  files: [`${folder}/**/*.{ts,tsx}`],
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: { "no-restricted-imports": ["error", { patterns: rulesFor(folder) }] },
}));
