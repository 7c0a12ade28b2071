/**
 * The layers of the code (README, "How it is built"), enforced: each folder names the folders
 * of ours it must NOT import. Imports point down only; a browser bundle never pulls in code that
 * reads process.env (lib/config, the only code that does: `envRule` below) or the database; `lib/` (but the store) knows no React or Next.
 *
 * Unit tests are exempt: a test may drive a layer through the one above it (a route through its
 * step, say) to check the two together.
 */
const LIB = [
  "config",
  "telemetry",
  "http",
  "introsvg",
  "svg",
  "raster",
  "metrics",
  "loop",
  "contract",
  "export",
  "engine",
  "profiles",
  "steps",
  "db",
  "batch",
  "sarena",
  "routes",
  "clients",
  "store",
];

/** What each folder may import of the others (everything else of ours is refused). */
const MAY_IMPORT = {
  // The one reader of process.env (and of nothing else of ours but the URL and access rules' types).
  "lib/config": ["http"],
  // The studio's own telemetry (Prometheus /metrics): fed by the steps and batch jobs.
  "lib/telemetry": [],
  "lib/http": [],
  "lib/introsvg": [],
  "lib/svg": ["introsvg"],
  "lib/raster": ["introsvg", "svg", "http"],
  // SArena's SSIM/PSNR (pure) and its Node side (draws with raster/node).
  "lib/metrics": ["introsvg", "svg", "http", "raster"],
  "lib/loop": ["introsvg", "svg", "http"],
  "lib/contract": ["introsvg", "svg", "http", "loop"],
  "lib/export": ["introsvg", "svg", "http", "raster", "loop", "contract"],
  "lib/engine": ["config", "introsvg", "svg", "http", "raster", "metrics"],
  "lib/profiles": ["config", "introsvg", "svg", "http", "loop", "contract"],
  "lib/steps": ["config", "telemetry", "introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "engine", "profiles"],
  "lib/db": ["config", "introsvg", "svg", "http", "loop", "contract", "export"],
  "lib/batch": ["config", "telemetry", "introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "export", "engine", "profiles", "steps", "db"],
  // SArena benchmark runs (Node only): the batch runner with its own store, metrics, steps.
  "lib/sarena": ["config", "introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "export", "engine", "profiles", "steps", "db", "batch"],
  "lib/routes": [
    "config",
    "telemetry",
    "introsvg",
    "svg",
    "http",
    "raster",
    "metrics",
    "loop",
    "contract",
    "export",
    "engine",
    "profiles",
    "steps",
    "db",
    "batch",
    "sarena",
  ],
  // Browser-only: fetches the studio's own routes, touches the DOM.
  "lib/clients": ["introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "export"],
  "lib/store": ["introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "export", "clients"],
  components: ["introsvg", "svg", "http", "raster", "metrics", "loop", "contract", "export", "clients", "store"],
};

/** Server-only modules that sit in folders the browser may otherwise use. */
const NODE_ONLY_FILES = ["raster/node", "svg/sanitize-in-node", "metrics/node-image-match", "export/optimize-in-node", "export/react-component"];
const FRAMEWORKS = [
  "react",
  "react-dom",
  "react/*",
  "react-dom/*",
  "next",
  "next/*",
  "zustand",
  "zustand/*",
  "@tanstack/*",
  "@monaco-editor/*",
  "monaco-editor",
  "monaco-editor/*",
];

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

/**
 * The built-in engine's rooms (lib/engine/<room>/), bottom up, and which of the others each may
 * import. Same rule inside as outside: imports point down, so the rooms form no circle.
 */
const ENGINE_ROOMS = {
  vocabulary: [],
  protocol: [],
  drawing: ["vocabulary"],
  generator: ["vocabulary", "drawing", "protocol"],
  critic: ["vocabulary", "drawing"],
  refiner: ["vocabulary", "drawing", "protocol", "generator", "critic"],
  worker: ["vocabulary", "drawing", "protocol", "generator", "critic", "refiner"],
  server: ["protocol", "worker"],
};

function engineRoomRules(room) {
  const allowed = new Set(ENGINE_ROOMS[room]);
  return Object.keys(ENGINE_ROOMS)
    .filter((other) => other !== room && !allowed.has(other))
    .map((other) => ({
      regex: `^(\\.\\./|@/lib/engine/)${other}(/|$)`,
      message: `lib/engine/${room}/ may not import lib/engine/${other}/: the engine's rooms import downward only (see eslint.layers.mjs).`,
    }));
}

const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

export const layerRules = [
  ...Object.keys(MAY_IMPORT).map((folder) => ({
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: rulesFor(folder) }] },
  })),
  // Later entries replace the rule's options for their files, so each room repeats the engine's own.
  ...Object.keys(ENGINE_ROOMS).map((room) => ({
    files: [`lib/engine/${room}/**/*.ts`],
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: [...rulesFor("lib/engine"), ...engineRoomRules(room)] }] },
  })),
];

/**
 * Only lib/config reads the environment (one schema, one message per bad variable). Tests,
 * Playwright's config and fixtures, and next.config.ts read it for themselves; NODE_ENV and
 * NEXT_RUNTIME are Next's build-time constants, inlined into each bundle, not settings.
 */
const ENV_MESSAGE = "Read settings through lib/config (studioConfig()), not process.env: one schema names every variable (README).";
export const envRule = {
  files: ["**/*.{ts,tsx,mts,mjs,js}"],
  ignores: ["lib/config/**", "**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**", "playwright.config.ts", "next.config.ts"],
  rules: {
    "no-restricted-syntax": [
      "error",
      {
        selector:
          "MemberExpression[object.name='process'][property.name='env']:not(MemberExpression[property.name=/^(NODE_ENV|NEXT_RUNTIME)$/] > MemberExpression.object)",
        message: ENV_MESSAGE,
      },
      { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']", message: ENV_MESSAGE },
    ],
  },
};
