/**
 * The raster pool renders in worker threads exactly what rasterizeSvgNode renders in this one
 * (the worker compiled here with esbuild, as `npm run build` compiles it), reports a bad SVG as
 * the same RasterError, and survives a worker that dies.
 */
import { build } from "esbuild";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rasterizeSvgNode } from "./node";
import { RasterError } from "./raster-contract";
import { createRasterPool, type RasterPool } from "./raster-pool";

let dir: string;
let script: string;
let pool: RasterPool;

beforeAll(async () => {
  // Inside the project, so the worker finds its packages in node_modules.
  const cache = path.join(__dirname, "..", "..", "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(path.join(cache, "raster-pool-"));
  script = path.join(dir, "raster-worker.js");
  await build({
    entryPoints: [path.join(__dirname, "raster-worker.ts")],
    outfile: script,
    bundle: true,
    platform: "node",
    format: "cjs",
    packages: "external",
    logLevel: "error",
  });
  pool = createRasterPool({ script, size: 2 });
}, 60_000);
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const icon = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="60" fill="${fill}"/></svg>`;

describe("raster pool", () => {
  it("renders the same PNG as in this thread, many at once", async () => {
    const fills = ["red", "green", "blue", "#123456", "orange", "purple"];
    const fromPool = await Promise.all(fills.map((f) => pool.rasterize(icon(f))));
    const here = await Promise.all(fills.map((f) => rasterizeSvgNode(icon(f))));
    expect(fromPool).toEqual(here);
    expect(fromPool[0]).toMatch(/^data:image\/png;base64,/);
    expect(pool.pending()).toBe(0);
  });

  it("reports a bad SVG as a RasterError with its reason and position", async () => {
    const error = await pool.rasterize("<svg xmlns='http://www.w3.org/2000/svg'><g></svg>").catch((e: unknown) => e);
    const expected = await rasterizeSvgNode("<svg xmlns='http://www.w3.org/2000/svg'><g></svg>").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RasterError);
    expect((error as RasterError).message).toBe((expected as RasterError).message);
    expect((error as RasterError).line).toBe((expected as RasterError).line);
  });

  it("fails the jobs of a worker that dies, and starts a new one for the next job", async () => {
    const crashing = createRasterPool({ script: path.join(dir, "missing-worker.js"), size: 1 });
    await expect(crashing.rasterize(icon("red"))).rejects.toThrow(/worker/);
    await crashing.close();
    const png = await pool.rasterize(icon("teal"));
    expect(png).toBe(await rasterizeSvgNode(icon("teal")));
  });
});
