/**
 * The contact sheet: every icon of a set in a grid with its id and score, the picture people
 * look at first. Composed as one SVG (each icon nested as an <svg> of its own, already
 * sanitized and optimized) and drawn by resvg through the raster contract. Labels need a font:
 * resvg reads none unless told, and a fresh machine may have no system fonts at all, so the
 * sheet uses Inter, a TTF that ships in an npm package (@expo-google-fonts/inter, SIL OFL).
 * Large sets are split into sheets of SHEET_ITEMS.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { prepareSvgForRaster } from "../raster/raster-contract";
import { splitRoot } from "../export/icon-set";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";

export const SHEET_COLUMNS = 8;
export const SHEET_ITEMS = 80;
const CELL = { width: 160, height: 196, icon: 128 };
const PAD = 16;

const INTER = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "inter", "500Medium", "Inter_500Medium.ttf");

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text);

export interface SheetEntry {
  id: string;
  svg: string;
  score: number | null;
}

export function contactSheetSvg(entries: readonly SheetEntry[]): { svg: string; width: number; height: number } {
  const columns = Math.max(1, Math.min(SHEET_COLUMNS, entries.length));
  const rows = Math.max(1, Math.ceil(entries.length / columns));
  const width = PAD * 2 + columns * CELL.width;
  const height = PAD * 2 + rows * CELL.height;
  const cells = entries.map((entry, i) => {
    const x = PAD + (i % columns) * CELL.width;
    const y = PAD + Math.floor(i / columns) * CELL.height;
    const { attributes, content } = splitRoot(entry.svg);
    const viewBox = attributes.find(([name]) => name === "viewBox")?.[1] ?? '"0 0 200 200"';
    const presentation = attributes
      .filter(([name]) => !/^(xmlns(:\w+)?|width|height|x|y|viewBox|version)$/.test(name))
      .map(([n, v]) => ` ${n}=${v}`)
      .join("");
    const ix = x + (CELL.width - CELL.icon) / 2;
    const score = entry.score === null ? "unscored" : `${entry.score.toFixed(1)} / 10`;
    return (
      `<rect x="${x + 4}" y="${y + 4}" width="${CELL.width - 8}" height="${CELL.height - 8}" rx="8" fill="#ffffff" stroke="#e2e8f0"/>` +
      `<svg x="${ix}" y="${y + 12}" width="${CELL.icon}" height="${CELL.icon}" viewBox=${viewBox}${presentation}>${content}</svg>` +
      `<text x="${x + CELL.width / 2}" y="${y + 160}" font-size="12" text-anchor="middle" fill="#0f172a">${escapeXml(clip(entry.id, 20))}</text>` +
      `<text x="${x + CELL.width / 2}" y="${y + 178}" font-size="12" text-anchor="middle" fill="#475569">${score}</text>`
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter"><rect width="100%" height="100%" fill="#f8fafc"/>${cells.join("")}</svg>`;
  return { svg, width, height };
}

/** The sheet as PNG bytes (opaque, one pixel per unit). */
export function contactSheetPng(entries: readonly SheetEntry[]): Buffer {
  const { svg, width, height } = contactSheetSvg(entries);
  const document = prepareSvgForRaster(svg, { width, height, background: "#f8fafc" }, sanitizeSvgInNode);
  const font = existsSync(INTER) ? { fontFiles: [INTER], loadSystemFonts: false, defaultFontFamily: "Inter" } : { loadSystemFonts: true };
  return new Resvg(document, { fitTo: { mode: "width", value: width }, font, background: "#f8fafc", logLevel: "off" }).render().asPng();
}

/** `contact-sheet.png`, or `contact-sheet-1.png`, `-2`, … past SHEET_ITEMS icons. */
export function contactSheets(entries: readonly SheetEntry[]): Record<string, Buffer> {
  if (entries.length <= SHEET_ITEMS) return { "contact-sheet.png": contactSheetPng(entries) };
  const sheets: Record<string, Buffer> = {};
  for (let at = 0, n = 1; at < entries.length; at += SHEET_ITEMS, n++) sheets[`contact-sheet-${n}.png`] = contactSheetPng(entries.slice(at, at + SHEET_ITEMS));
  return sheets;
}
