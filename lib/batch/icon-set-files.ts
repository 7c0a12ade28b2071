/**
 * A batch's icon set (lib/export/icon-set.ts) in Node: each item's best round optimized once
 * (lossless, checked by rendering), its React component made with SVGR, the sprite, the index,
 * the manifest and the contact sheet. Shared by the CLI's --icon-set and the batch page's
 * "Download icon set".
 */
import { strToU8, zipSync } from "fflate";
import { optimizeSvgInNode } from "../export/optimize-in-node";
import { iconNames, reactIndex, svgSprite } from "../export/icon-set";
import { reactComponentOfOptimized } from "../export/react-component";
import { selectBestRound } from "../loop/loop-selectors";
import type { Round } from "../loop/loop-types";
import { contactSheets } from "./contact-sheet";

export interface IconSetSource {
  id: string;
  desc: string;
  rounds: readonly Round[];
}

/** The set's files by path; items without an SVG are left out (listed in icons.json as skipped). */
export async function iconSetFiles(sources: readonly IconSetSource[]): Promise<Record<string, Uint8Array>> {
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
  return files;
}

export function iconSetZip(files: Record<string, Uint8Array>): Uint8Array {
  const stored = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, name.endsWith(".png") ? ([data, { level: 0 }] as [Uint8Array, { level: 0 }]) : data]));
  return zipSync(stored, { level: 6 });
}
