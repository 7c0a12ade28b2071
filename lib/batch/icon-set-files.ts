/**
 * A batch's icon set (lib/export/icon-set.ts) in Node: each item's best round optimized once
 * (lossless, checked by rendering), its React component made with SVGR, the sprite, the index,
 * the manifest and the contact sheet. One builder for both ways out: the batch page's
 * "Download icon set" (POST /api/batch/jobs/:id/icon-set, as a ZIP) and the CLI's
 * `npm run batch -- … --icon-set DIR` (the same files, written into DIR).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { optimizeSvgInNode } from "../export/optimize-in-node";
import { iconNames, reactIndex, svgSprite } from "../export/icon-set";
import { reactComponentOfOptimized } from "../export/react-component";
import { selectBestRound } from "../loop/loop-selectors";
import type { Round } from "../loop/loop-types";
import { writeFileAtomic } from "./atomic-file";
import { contactSheets } from "./contact-sheet";

export interface IconSetSource {
  id: string;
  desc: string;
  rounds: readonly Round[];
}

export interface IconSet {
  /** The files by path (the ZIP's layout). */
  files: Record<string, Uint8Array>;
  /** The ids that made an icon, in order, and those left out for want of an SVG. */
  icons: string[];
  skipped: string[];
}

/** The set's files by path; items without an SVG are left out (listed in icons.json as skipped). */
export async function iconSetFiles(sources: readonly IconSetSource[]): Promise<Record<string, Uint8Array>> {
  return (await buildIconSet(sources)).files;
}

export async function buildIconSet(sources: readonly IconSetSource[]): Promise<IconSet> {
  const usable = sources.flatMap((s) => {
    const best = selectBestRound({ rounds: [...s.rounds] });
    return best?.svg ? [{ ...s, svg: best.svg, score: best.critique?.score ?? null }] : [];
  });
  const names = iconNames(usable.map((u) => u.id));
  const files: Record<string, Uint8Array> = {};
  const entries: Array<{ id: string; symbol: string; component: string; svg: string; score: number | null }> = [];
  for (const [i, item] of usable.entries()) {
    const { symbol, component } = names[i];
    const svg = (await optimizeSvgInNode(item.svg)).svg;
    const tsx = (await reactComponentOfOptimized(svg, { name: component, title: item.desc.trim() || item.id, currentColor: false })).tsx;
    files[`svg/${item.id}.svg`] = strToU8(svg);
    files[`react/${component}.tsx`] = strToU8(tsx);
    entries.push({ id: item.id, symbol, component, svg, score: item.score });
  }
  files["sprite.svg"] = strToU8(svgSprite(entries));
  files["react/index.ts"] = strToU8(reactIndex(entries.map((e) => e.component)));
  const skipped = sources.filter((s) => !usable.some((u) => u.id === s.id)).map((s) => s.id);
  const manifest = {
    icons: entries.map((e) => ({ id: e.id, svg: `svg/${e.id}.svg`, symbol: e.symbol, component: e.component, score: e.score })),
    skipped,
  };
  files["icons.json"] = strToU8(JSON.stringify(manifest, null, 2) + "\n");
  for (const [name, png] of Object.entries(contactSheets(entries))) files[name] = new Uint8Array(png);
  return { files, icons: entries.map((e) => e.id), skipped };
}

export function iconSetZip(files: Record<string, Uint8Array>): Uint8Array {
  const stored = Object.fromEntries(
    Object.entries(files).map(([name, data]) => [name, name.endsWith(".png") ? ([data, { level: 0 }] as [Uint8Array, { level: 0 }]) : data]),
  );
  return zipSync(stored, { level: 6 });
}

/** Why `dir` cannot take an icon set (an existing file, not a folder), or null when it can. */
export async function iconSetFolderProblem(dir: string): Promise<string | null> {
  const found = await stat(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
  return found && !found.isDirectory() ? `${dir} exists and is not a folder` : null;
}

/**
 * The set's files written under `dir`, the ZIP's layout unpacked (folders made as needed; each
 * file whole or not at all). Files of an earlier set that this one does not have are left alone.
 */
export async function writeIconSetFolder(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  await Promise.all(Object.entries(files).map(([name, data]) => writeFileAtomic(path.join(dir, ...name.split("/")), data)));
}
