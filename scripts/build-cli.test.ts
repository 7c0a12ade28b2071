/**
 * What the compiled command-line tools load at start. The bench's "CLI start to its first
 * request" (≤ 0.5 s) depends on the heavy packages (jsdom ~0.8 s to load, svgo, SVGR, sharp,
 * resvg) loading only when a run needs them: this follows every static import from each entry,
 * as esbuild bundles it, and fails on a path that reaches one.
 */
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const HEAVY = ["jsdom", "svgo", "@svgr/core", "sharp", "@resvg/resvg-js", "dompurify", "prom-client"];

async function metafile(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    packages: "external",
    write: false,
    metafile: true,
    outdir: "out",
    logLevel: "silent",
  });
  return result.metafile;
}

/** The chain of static imports from entry to the package, or null when only a dynamic import reaches it. */
function staticPath(meta: Metafile, entry: string, pkg: string): string[] | null {
  const previous = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const imported of meta.inputs[file]?.imports ?? []) {
      if (imported.kind === "dynamic-import" || previous.has(imported.path)) continue;
      previous.set(imported.path, file);
      if (imported.path === pkg || imported.path.startsWith(`${pkg}/`)) {
        const chain = [imported.path];
        for (let at: string | null = file; at; at = previous.get(at) ?? null) chain.unshift(at);
        return chain;
      }
      if (!imported.external) queue.push(imported.path);
    }
  }
  return null;
}

describe("the batch CLI's start", () => {
  it.each(["scripts/batch.ts", "scripts/run-loop.ts"])("%s loads no heavy package before it needs one", async (entry) => {
    const meta = await metafile(entry);
    for (const pkg of HEAVY) expect(staticPath(meta, entry, pkg), `${entry} → ${pkg}`).toBeNull();
  });

  it("finds a static path where there is one (the check can fail)", async () => {
    const meta = await metafile("lib/export/optimize-in-node.ts");
    expect(staticPath(meta, "lib/export/optimize-in-node.ts", "svgo")).toEqual(["lib/export/optimize-in-node.ts", "svgo"]);
  });
});
