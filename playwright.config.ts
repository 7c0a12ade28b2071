import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Browser tests against a production build (`next build` first; `npm test` does it) in the
 * system's Chromium. The servers: the studio on its built-in engine, the fault-injecting
 * upstream fixture, a studio that talks to that fixture (its chat profile's server is down), a
 * studio whose upstream is down, a studio whose IntroSVG critic runs on a server of its own
 * (the standalone built-in engine) while its generators talk to the fixture, and a studio
 * shared with an access token (sign-in).
 */
/** The faulty upstream demands this key; the studio must send it and never reveal it. */
export const FIXTURE_API_KEY = "sk-fixture-never-shown";
/** The shared studio's STUDIO_ACCESS_TOKEN. */
export const ACCESS_TOKEN = "e2e-shared-studio-token-3f9a";

// E2E_PORT_BASE moves every server, so two checkouts can run their suites side by side.
const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
// `restart` and `startup` are ports for servers the tests themselves start and stop.
export const PORTS = {
  builtin: BASE,
  faulty: BASE + 1,
  down: BASE + 2,
  split: BASE + 3,
  token: BASE + 4,
  restart: BASE + 5,
  startup: BASE + 6,
  fixture: BASE + 99,
  nothing: BASE + 98,
  engine: BASE + 97,
} as const;

const chromium = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

// Each run's studios keep their sessions in fresh databases of their own.
const DB_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-e2e-"));

const studio = (port: number, env: Record<string, string>, readyPath = "/api/status") => ({
  command: `npx next start -p ${port} -H 127.0.0.1`,
  url: `http://127.0.0.1:${port}${readyPath}`,
  reuseExistingServer: !process.env.CI,
  timeout: 60_000,
  env: { NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${path.join(DB_DIR, `studio-${port}.db`)}`, ...env },
  stdout: "ignore" as const,
  stderr: "pipe" as const,
});

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORTS.builtin}`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/fixtures/fault-upstream.ts",
      url: `http://127.0.0.1:${PORTS.fixture}/health`,
      reuseExistingServer: !process.env.CI,
      env: { FAULT_UPSTREAM_PORT: String(PORTS.fixture), FAULT_UPSTREAM_API_KEY: FIXTURE_API_KEY },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx scripts/engine.ts",
      url: `http://127.0.0.1:${PORTS.engine}/health`,
      reuseExistingServer: !process.env.CI,
      env: { PORT: String(PORTS.engine), ENGINE_TOKENS_PER_SECOND: "0" },
      stdout: "ignore",
      stderr: "pipe",
    },
    // Fast enough for a quick suite, slow enough that Pause lands mid-loop.
    studio(PORTS.builtin, { ENGINE_TOKENS_PER_SECOND: "1500", ENGINE_TIME_LIMIT_MS: "10000" }),
    studio(PORTS.faulty, {
      INFERENCE_BASE_URL: `http://127.0.0.1:${PORTS.fixture}/v1`,
      INFERENCE_API_KEY: FIXTURE_API_KEY,
      INFERENCE_TIMEOUT_MS: "3000",
      // A profile whose server is down, beside profiles that answer.
      CHAT_BASE_URL: `http://127.0.0.1:${PORTS.nothing}/v1`,
      // InternSVG-8B alone on the one server (the fixture's model): a single pass, no critic.
      INTERNSVG_MODEL: "fault-fixture-introsvg",
    }),
    studio(PORTS.down, { INFERENCE_BASE_URL: `http://127.0.0.1:${PORTS.nothing}/v1` }),
    studio(PORTS.split, {
      INFERENCE_BASE_URL: `http://127.0.0.1:${PORTS.fixture}/v1`,
      INFERENCE_API_KEY: FIXTURE_API_KEY,
      INFERENCE_CRITIC_BASE_URL: `http://127.0.0.1:${PORTS.engine}/v1`,
    }),
    studio(PORTS.token, { STUDIO_ACCESS_TOKEN: ACCESS_TOKEN, ENGINE_TOKENS_PER_SECOND: "1500" }, "/sign-in"),
  ],
});
