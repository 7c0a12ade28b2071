import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PORTS } from "../playwright.config";

/** `next start` with a bad profiles file does not start: it exits with the field named. */
test("a bad profiles file stops start-up with a clear message", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "introsvg-profiles-"));
  const file = path.join(dir, "profiles.json");
  fs.writeFileSync(file, JSON.stringify({ servers: [{ name: "gpu1", baseURL: "gpu1:23333/v1" }] }));
  const child = spawn("npx", ["next", "start", "-p", String(PORTS.startup), "-H", "127.0.0.1"], {
    env: { ...process.env, STUDIO_PROFILES_FILE: file, DATABASE_URL: `file:${path.join(dir, "studio.db")}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      resolve(null);
    }, 40_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(output).toContain(
    `IntroSVG Studio cannot start: STUDIO_PROFILES_FILE (${file}): servers[0].baseURL: must be "builtin" or a URL such as http://gpu-box:23333/v1`,
  );
  expect(code).toBe(1);
});
