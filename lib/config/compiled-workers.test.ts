import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compiledWorkerScript } from "./compiled-workers";
import { parseStudioConfig } from "./studio-config";

afterEach(() => vi.unstubAllEnvs());

function projectWithBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compiled-workers-"));
  for (const file of ["dist/engine/answer-worker.js", "dist/raster/raster-worker.js"]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), "");
  }
  return dir;
}

describe("which file a worker runs from", () => {
  it("its variable wins", () => {
    const config = parseStudioConfig({ ENGINE_WORKER_SCRIPT: "/opt/engine.js", RASTER_WORKER_SCRIPT: "/opt/raster.js" });
    expect(compiledWorkerScript("engine", config, projectWithBuild())).toBe("/opt/engine.js");
    expect(compiledWorkerScript("raster", config, projectWithBuild())).toBe("/opt/raster.js");
  });

  it("the production server takes the build's workers from ./dist", () => {
    vi.stubEnv("NODE_ENV", "production");
    const dir = projectWithBuild();
    expect(compiledWorkerScript("engine", parseStudioConfig({}), dir)).toBe(path.join(dir, "dist", "engine", "answer-worker.js"));
    expect(compiledWorkerScript("raster", parseStudioConfig({}), dir)).toBe(path.join(dir, "dist", "raster", "raster-worker.js"));
    // No build: none (the engine runs its source, rendering stays in the thread).
    expect(compiledWorkerScript("engine", parseStudioConfig({}), os.tmpdir())).toBeUndefined();
  });

  it("source run by the tests never runs a build, however fresh", () => {
    vi.stubEnv("NODE_ENV", "test");
    expect(compiledWorkerScript("engine", parseStudioConfig({}), projectWithBuild())).toBeUndefined();
    expect(compiledWorkerScript("raster", parseStudioConfig({}), projectWithBuild())).toBeUndefined();
  });
});
