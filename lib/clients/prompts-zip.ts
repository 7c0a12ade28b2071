/**
 * A prompts CSV and the pictures of its `image` column, sent as one ZIP (the batch page takes
 * it like a CSV chosen with its pictures). Only what a batch needs is inflated: the CSV and PNG,
 * JPEG or WebP files inside the CSV's folder, each checked against the limits before fflate
 * inflates it, so a ZIP bomb is refused from its directory and never expanded. Picture paths
 * come back relative to the CSV, as its `image` column names them.
 */
import { unzipSync, type UnzipFileInfo } from "fflate";
import { PICTURE_LIMITS } from "../http/image-header";
import { MAX_BATCH_IMAGES, MAX_CSV_CHARS } from "../contract/batch-contract";

/** The largest ZIP the page reads (the CSV's 8 MB and 200 pictures of 10 MB fit in it compressed). */
export const MAX_PROMPTS_ZIP_BYTES = 256 * 1024 * 1024;

export interface PromptsZip {
  csv: { name: string; text: string };
  /** Path relative to the CSV's folder ("disc.png", "icons/star.webp") → the file's bytes. */
  pictures: Array<{ path: string; bytes: Uint8Array }>;
}

export class PromptsZipError extends Error {
  override name = "PromptsZipError";
}

const PICTURE = /\.(png|jpe?g|webp)$/i;
/** Folders and files a ZIP tool or an OS adds: macOS resource forks, dotfiles. */
const CLUTTER = /(^|\/)(__MACOSX\/|\.[^/]*$)/;

const folderOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");
const depth = (path: string) => path.split("/").length;

/** Reads the ZIP's directory, picks its one CSV (the shallowest), and inflates it with its pictures. Throws PromptsZipError. */
export function readPromptsZip(bytes: Uint8Array, zipName = "the ZIP"): PromptsZip {
  if (bytes.byteLength === 0) throw new PromptsZipError(`${zipName} is empty.`);
  if (bytes.byteLength > MAX_PROMPTS_ZIP_BYTES) throw new PromptsZipError(`${zipName} is larger than ${MAX_PROMPTS_ZIP_BYTES / 1024 / 1024} MB.`);

  // First pass: the directory only (the filter sees every entry and inflates none).
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push(file);
        return false;
      },
    });
  } catch (e) {
    throw new PromptsZipError(`${zipName} is not a ZIP file that can be read (${(e as Error).message}).`);
  }
  const files = entries.filter((f) => !f.name.endsWith("/") && !CLUTTER.test(f.name));
  const csvs = files.filter((f) => /\.csv$/i.test(f.name));
  if (csvs.length === 0) throw new PromptsZipError(`${zipName} holds no CSV file: put the prompts CSV in it with its pictures.`);
  const top = Math.min(...csvs.map((f) => depth(f.name)));
  const shallowest = csvs.filter((f) => depth(f.name) === top);
  if (shallowest.length > 1) {
    throw new PromptsZipError(`${zipName} holds several CSV files (${shallowest.map((f) => f.name).join(", ")}): keep the one with the prompts.`);
  }
  const csv = shallowest[0];
  if (csv.originalSize > MAX_CSV_CHARS) throw new PromptsZipError(`${csv.name} is larger than ${MAX_CSV_CHARS / 1024 / 1024} MB.`);

  const base = folderOf(csv.name);
  const pictures = files.filter((f) => f.name.startsWith(base) && PICTURE.test(f.name));
  if (pictures.length > MAX_BATCH_IMAGES) throw new PromptsZipError(`${zipName} holds ${pictures.length} pictures; a batch takes at most ${MAX_BATCH_IMAGES}.`);
  const oversized = pictures.find((f) => f.originalSize > PICTURE_LIMITS.maxBytes);
  if (oversized)
    throw new PromptsZipError(
      `${oversized.name} is ${(oversized.originalSize / 1024 / 1024).toFixed(1)} MB; the limit is ${PICTURE_LIMITS.maxBytes / 1024 / 1024} MB.`,
    );

  // Second pass: inflate just those.
  const wanted = new Set([csv.name, ...pictures.map((f) => f.name)]);
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
  } catch (e) {
    throw new PromptsZipError(`${zipName} could not be unpacked (${(e as Error).message}).`);
  }
  // A directory can understate what an entry inflates to: the limits hold for what came out.
  const csvBytes = inflated[csv.name];
  if (csvBytes.byteLength > MAX_CSV_CHARS) throw new PromptsZipError(`${csv.name} is larger than ${MAX_CSV_CHARS / 1024 / 1024} MB.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(csvBytes);
  } catch {
    throw new PromptsZipError(`${csv.name} is not UTF-8 text.`);
  }
  return {
    csv: { name: csv.name.slice(base.length), text },
    pictures: pictures.map((f) => ({ path: f.name.slice(base.length), bytes: inflated[f.name] })),
  };
}
