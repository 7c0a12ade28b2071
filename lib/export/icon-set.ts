/**
 * A batch's icon set, as files (pure: the SVGs come optimized, the components made, the contact
 * sheet drawn, by the caller): `svg/{id}.svg`, `sprite.svg` with one `<symbol id="…">` per item,
 * `react/{Name}.tsx` per item and `react/index.ts` exporting them all, `icons.json` (which id is
 * which file, symbol, component and score), and the contact sheet PNG(s).
 */
import { componentName } from "./file-names";

export interface IconSetEntry {
  id: string;
  /** The optimized, sanitized SVG. */
  svg: string;
  score: number | null;
}

const ROOT = /^\s*<svg\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>([\s\S]*?)(?:<\/svg>)?\s*$/;
const ATTR = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
/** Root attributes that do not belong on a <symbol> (its size comes from the <use>). */
const DROPPED = /^(xmlns(:\w+)?|width|height|x|y|version|role|aria-[\w-]+|preserveAspectRatio)$/;

/** The root's attributes (raw, quoted) and its content. */
export function splitRoot(svg: string): { attributes: Array<[string, string]>; content: string } {
  const m = ROOT.exec(svg);
  if (!m) return { attributes: [], content: "" };
  const attributes = [...m[1].matchAll(ATTR)].map((a) => [a[1], a[2]] as [string, string]);
  return { attributes, content: m[2] ? "" : m[3] };
}

/** A symbol id from an item id: the id itself when it is a plain XML name, else a slug of it. */
export function symbolId(id: string): string {
  if (/^[A-Za-z_][\w.-]*$/.test(id)) return id;
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z_]/.test(slug) ? slug : `icon-${slug || "x"}`;
}

/** Every id of the content, and every reference to one, prefixed: symbols in one file cannot share ids. */
function prefixIds(content: string, prefix: string): string {
  const ids = new Set([...content.matchAll(/\sid=(?:"([^"]+)"|'([^']+)')/g)].map((m) => m[1] ?? m[2]));
  if (ids.size === 0) return content;
  const p = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return content
    .replace(/(\sid=)(["'])([^"']+)\2/g, (_w, a: string, q: string, id: string) => `${a}${q}${p(id)}${q}`)
    .replace(/url\(\s*(['"]?)#([^)'"\s]+)\1\s*\)/g, (_w, q: string, id: string) => `url(${q}#${p(id)}${q})`)
    .replace(/(href=)(["'])#([^"']+)\2/g, (_w, a: string, q: string, id: string) => `${a}${q}#${p(id)}${q}`);
}

/** Unique names per entry: symbol ids and component names (a clash gets a number). */
export function iconNames(ids: readonly string[]): Array<{ id: string; symbol: string; component: string }> {
  const taken = { symbol: new Set<string>(), component: new Set<string>() };
  const unique = (set: Set<string>, name: string, join: string) => {
    let candidate = name;
    for (let n = 2; set.has(candidate.toLowerCase()); n++) candidate = `${name}${join}${n}`;
    set.add(candidate.toLowerCase());
    return candidate;
  };
  return ids.map((id) => ({ id, symbol: unique(taken.symbol, symbolId(id), "-"), component: unique(taken.component, componentName(id), "") }));
}

export function svgSprite(entries: ReadonlyArray<{ symbol: string; svg: string }>): string {
  const symbols = entries.map(({ symbol, svg }) => {
    const { attributes, content } = splitRoot(svg);
    const kept = attributes
      .filter(([name]) => !DROPPED.test(name))
      .map(([name, value]) => ` ${name}=${value}`)
      .join("");
    return `<symbol id="${symbol}"${kept}>${prefixIds(content, symbol)}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">\n${symbols.join("\n")}\n</svg>\n`;
}

export function reactIndex(components: readonly string[]): string {
  return components.map((name) => `export { ${name} } from "./${name}";`).join("\n") + "\n";
}
