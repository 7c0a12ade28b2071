/**
 * SVG put into one canonical shape so that two rounds can be diffed line by line: one element
 * per line, two-space indents, attributes in a stable order (namespaces, then `id`, then the
 * rest alphabetically), whitespace inside attribute values collapsed. Unlike formatSvg (for hand
 * editing, which keeps the author's attribute order), this is for reading what changed: two
 * SVGs that differ only in layout or attribute order come out identical.
 *
 * Works on a finished SVG, on a model's raw answer (prose and fences around the SVG are
 * dropped) and on a round still streaming (its open elements are closed first). Pure: fast-xml-
 * parser, no DOM, so it runs in Node tests as in the browser.
 */
import { XMLParser } from "fast-xml-parser";
import { closePartialSvg } from "./close-partial-svg";
import { ORDERED_XML_OPTIONS } from "./ordered-xml-options";
import { validateSvg } from "./validate-svg";

export type SvgNode =
  | { kind: "element"; name: string; attributes: Array<[string, string]>; children: SvgNode[] }
  | { kind: "text"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "cdata"; text: string };

export type SvgElement = Extract<SvgNode, { kind: "element" }>;

const parser = new XMLParser({ ...ORDERED_XML_OPTIONS, attributeNamePrefix: "", allowBooleanAttributes: true });

function attributeRank(name: string): number {
  if (name === "xmlns") return 0;
  if (name.startsWith("xmlns:")) return 1;
  if (name === "id") return 2;
  return 3;
}

/** The stable attribute order: xmlns, xmlns:*, id, then by name. */
export function compareAttributeNames(a: string, b: string): number {
  return attributeRank(a) - attributeRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The SVG document within a text: a complete one from the first `<svg` to the last `</svg>`, or
 * (streaming, truncated) what has arrived with its open elements closed. Null without `<svg`.
 */
export function svgDocumentOf(text: string): string | null {
  const start = text.search(/<svg[\s>/]/i);
  if (start < 0) return null;
  const end = text.toLowerCase().lastIndexOf("</svg>");
  if (end > start) return text.slice(start, end + "</svg>".length);
  return closePartialSvg(text.slice(start));
}

type Parsed = Record<string, unknown> & { ":@"?: Record<string, string> };

function toNodes(items: Parsed[]): SvgNode[] {
  const nodes: SvgNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((key) => key !== ":@");
    if (!name) continue;
    const value = item[name];
    if (name === "#text") {
      const text = String(value).trim();
      if (text) nodes.push({ kind: "text", text });
    } else if (name === "#comment" || name === "#cdata") {
      const text = (value as Parsed[]).map((part) => String(part["#text"] ?? "")).join("");
      nodes.push({ kind: name === "#comment" ? "comment" : "cdata", text });
    } else if (!name.startsWith("?")) {
      const attributes = Object.entries(item[":@"] ?? {}).map(([key, v]): [string, string] => [key, String(v).replace(/\s+/g, " ").trim()]);
      attributes.sort(([a], [b]) => compareAttributeNames(a, b));
      nodes.push({ kind: "element", name, attributes, children: toNodes((value as Parsed[]) ?? []) });
    }
  }
  return nodes;
}

/** The SVG's element tree with its attributes in the stable order, or null if it does not parse. */
export function parseSvgTree(text: string): SvgElement | null {
  const svg = svgDocumentOf(text);
  if (!svg || !validateSvg(svg).ok) return null;
  try {
    const root = toNodes(parser.parse(svg) as Parsed[]).find((node): node is SvgElement => node.kind === "element");
    return root ?? null;
  } catch {
    return null;
  }
}

/** An element's start tag in canonical form (attributes in the stable order, `"` escaped). */
export function startTag(element: SvgElement): string {
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${value.replace(/"/g, "&quot;")}"`).join("");
  return `<${element.name}${attributes}`;
}

function serialize(node: SvgNode, depth: number, lines: string[]): void {
  const indent = "  ".repeat(depth);
  if (node.kind === "text") lines.push(indent + node.text);
  else if (node.kind === "comment") lines.push(`${indent}<!--${node.text}-->`);
  else if (node.kind === "cdata") lines.push(`${indent}<![CDATA[${node.text}]]>`);
  else if (node.children.length === 0) lines.push(`${indent}${startTag(node)}/>`);
  else if (node.children.every((child) => child.kind === "text")) {
    lines.push(`${indent}${startTag(node)}>${node.children.map((child) => (child as { text: string }).text).join(" ")}</${node.name}>`);
  } else {
    lines.push(`${indent}${startTag(node)}>`);
    for (const child of node.children) serialize(child, depth + 1, lines);
    lines.push(`${indent}</${node.name}>`);
  }
}

export interface DiffText {
  text: string;
  /** False when the SVG did not parse and was only split between its tags. */
  canonical: boolean;
}

/**
 * The text to diff for one side: the canonical form when the SVG parses; otherwise the SVG
 * (or the raw text, without one) broken between adjacent tags, so it is still one tag a line.
 */
export function formatSvgForDiff(text: string): DiffText {
  const tree = parseSvgTree(text);
  if (tree) {
    const lines: string[] = [];
    serialize(tree, 0, lines);
    return { text: lines.join("\n") + "\n", canonical: true };
  }
  const svg = svgDocumentOf(text) ?? text;
  return { text: svg.replace(/>\s*</g, ">\n<").trim() + (svg.trim() ? "\n" : ""), canonical: false };
}
