/**
 * The pictures of a batch's image rows (the CSV's `image` column), read and prepared as the
 * studio prepares a dropped file: checked from the header first (lib/http/image-header: empty,
 * over 10 MB, not a PNG/JPEG/WebP, over 2048×2048), then decoded and scaled to fit 448×448 as a
 * PNG data URL, the session's target. The CLI reads them from the CSV's folder, the page from
 * the files sent with the CSV; a refused picture refuses the CSV, naming the row.
 */
import sharp from "sharp";
import { PictureCheckError, readPictureHeader } from "../http/image-header";
import { SARENA_SIDE } from "../metrics/image-similarity";
import type { TargetImage } from "../loop/loop-types";
import { PromptsCsvError, type PromptRow } from "../contract/prompts-csv";

/** Reads an image path (relative to the CSV) as bytes; rejects when there is no such file. */
export type PictureReader = (path: string) => Promise<Uint8Array>;

export async function targetFromBytes(bytes: Uint8Array, name: string): Promise<TargetImage> {
  const header = readPictureHeader(bytes, bytes.length);
  const png = await sharp(bytes, { limitInputPixels: false, animated: false }).resize(SARENA_SIDE, SARENA_SIDE, { fit: "inside" }).png().toBuffer();
  return { png: `data:image/png;base64,${png.toString("base64")}`, name: name.slice(0, 200), width: header.width, height: header.height };
}

/** The rows with their targets read (rows without an image are returned as they are). Throws PromptsCsvError. */
export async function withRowPictures(rows: readonly PromptRow[], read: PictureReader): Promise<PromptRow[]> {
  const out: PromptRow[] = [];
  for (const row of rows) {
    if (!row.image) {
      out.push(row);
      continue;
    }
    const where = `row '${row.id}': image '${row.image}'`;
    let bytes: Uint8Array;
    try {
      bytes = await read(row.image);
    } catch (e) {
      throw new PromptsCsvError("image", null, `${where} cannot be read (${(e as Error).message})`);
    }
    try {
      out.push({ ...row, target: await targetFromBytes(bytes, row.image.split(/[/\\]/).pop() ?? row.image) });
    } catch (e) {
      const reason = e instanceof PictureCheckError ? e.message : `it could not be decoded (${(e as Error).message})`;
      throw new PromptsCsvError("image", null, `${where}: ${reason}`);
    }
  }
  return out;
}
