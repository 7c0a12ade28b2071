/**
 * The two permissively licensed icon sets the built-in engine draws from (see ATTRIBUTION.md):
 *  - "line":   Tabler Icons (@iconify-json/tabler), 24×24, stroke-based, MIT.
 *  - "colour": Fluent Emoji Flat (@iconify-json/fluent-emoji-flat), 32×32, filled, MIT.
 * The JSON files are read from node_modules at first use (9 MB for the emoji set), never
 * bundled, so the engine's module stays light inside the Next.js server build.
 */
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getIconData, iconToSVG } from "@iconify/utils";
import type { IconifyJSON } from "@iconify/types";

export type IconSetId = "line" | "colour";

export interface LoadedIconSet {
  id: IconSetId;
  prefix: string;
  json: IconifyJSON;
  /** fluent-emoji-flat's metadata.json categories, icon name → category. Empty for Tabler. */
  categories: Map<string, string>;
}

const PACKAGES: Record<IconSetId, string> = {
  line: "@iconify-json/tabler",
  colour: "@iconify-json/fluent-emoji-flat",
};

/** Resolves a file inside an installed package from the project root (not via the bundler). */
function packageFile(pkg: string, file: string): string {
  const candidates: string[] = [];
  try {
    const req = createRequire(path.join(process.cwd(), "package.json"));
    candidates.push(req.resolve([pkg, file].join("/")));
  } catch {
    // fall through to the plain node_modules lookups below
  }
  let dir = process.cwd();
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, "node_modules", pkg, file));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`The built-in engine needs ${pkg} (npm install): ${file} not found from ${process.cwd()}.`);
  return found;
}

function readJson<T>(pkg: string, file: string): T {
  return JSON.parse(readFileSync(packageFile(pkg, file), "utf8")) as T;
}

const cache = new Map<IconSetId, LoadedIconSet>();

export function loadIconSet(id: IconSetId): LoadedIconSet {
  const hit = cache.get(id);
  if (hit) return hit;
  const pkg = PACKAGES[id];
  const json = readJson<IconifyJSON>(pkg, "icons.json");
  const categories = new Map<string, string>();
  try {
    const meta = readJson<{ categories?: Record<string, string[]> }>(pkg, "metadata.json");
    for (const [category, names] of Object.entries(meta.categories ?? {})) for (const n of names) categories.set(n, category);
  } catch {
    // metadata is optional
  }
  const set: LoadedIconSet = { id, prefix: json.prefix, json, categories };
  cache.set(id, set);
  return set;
}

export interface IconInfo {
  licence: string;
  name: string;
  author: string;
  url: string;
  version?: string;
}

export function iconSetInfo(id: IconSetId): IconInfo {
  const info = readJson<{ name: string; version?: string; author: { name: string; url: string }; license: { title: string } }>(PACKAGES[id], "info.json");
  return { name: info.name, author: info.author.name, url: info.author.url, licence: info.license.title, version: info.version };
}

export interface IconArtwork {
  set: IconSetId;
  name: string;
  /** SVG markup of the icon in its own coordinate box (0 0 width height), colours as shipped. */
  body: string;
  width: number;
  height: number;
}

/** The icon's body with aliases and flips resolved, or null when the set has no such icon. */
export function iconArtwork(set: IconSetId, name: string): IconArtwork | null {
  const data = getIconData(loadIconSet(set).json, name);
  if (!data) return null;
  const built = iconToSVG(data);
  const [, , w, h] = built.attributes.viewBox.split(/\s+/).map(Number);
  const [vx, vy] = built.attributes.viewBox.split(/\s+/).map(Number);
  const body = vx !== 0 || vy !== 0 ? `<g transform="translate(${-vx} ${-vy})">${built.body}</g>` : built.body;
  return { set, name, body, width: w, height: h };
}

/**
 * Makes ids inside an icon body unique per slot, deterministically (iconify's replaceIDs uses
 * Math.random): `id="x"` → `id="s1-x"` and every `#x` reference follows.
 */
export function prefixIds(body: string, prefix: string): string {
  const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  let out = body;
  for (const id of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`([#;"])(${escaped})([")]|\\.[a-z])`, "g"), `$1${prefix}-$2$3`);
  }
  return out;
}
