/**
 * Which file each worker runs from. A worker set by its variable (ENGINE_WORKER_SCRIPT,
 * RASTER_WORKER_SCRIPT) runs from there. Otherwise code that was itself compiled ahead of time
 * runs the workers compiled with it: the command-line tools' bundles (scripts/build-cli.mjs
 * defines __STUDIO_CLI_BUNDLE__ in them) take dist/engine and dist/raster beside their own file,
 * and the production studio server takes them from ./dist, which `npm run build` writes with
 * the server. Source run by tsx or vitest gets none, so it never runs a stale build: the engine
 * then starts its worker's source through tsx, and rendering stays in the calling thread.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { studioConfig, type StudioConfig } from "./studio-config";

declare const __STUDIO_CLI_BUNDLE__: boolean | undefined;

export const COMPILED_WORKERS = { engine: "engine/answer-worker.js", raster: "raster/raster-worker.js" } as const;
export type WorkerKind = keyof typeof COMPILED_WORKERS;

function inCliBundle(): boolean {
  return typeof __STUDIO_CLI_BUNDLE__ !== "undefined" && __STUDIO_CLI_BUNDLE__;
}

/** The compiled worker to run, or undefined for none (the caller falls back to the source). */
export function compiledWorkerScript(
  kind: WorkerKind,
  config: Pick<StudioConfig, "engine" | "raster"> = studioConfig(),
  cwd = process.cwd(),
): string | undefined {
  const configured = kind === "engine" ? config.engine.workerScript : config.raster.workerScript;
  if (configured) return configured;
  // A bundle is one file in dist/scripts/; the workers are compiled beside it.
  if (inCliBundle()) return path.join(__dirname, "..", COMPILED_WORKERS[kind]);
  const built = path.join(cwd, "dist", COMPILED_WORKERS[kind]);
  return process.env.NODE_ENV === "production" && existsSync(built) ? built : undefined;
}
