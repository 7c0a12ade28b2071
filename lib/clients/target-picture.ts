/**
 * The studio's "Image" input: a dropped, pasted or chosen file checked from its header before
 * anything decodes it (lib/http/image-header: empty, over 10 MB, not a PNG/JPEG/WebP whatever
 * its name, over 2048×2048), then decoded by the browser and scaled to what the models take:
 * fitted inside 448×448 (SArena's size, InternSVG's input), as a PNG data URL.
 */
import { PICTURE_HEADER_BYTES, PictureCheckError, readPictureHeader } from "../http/image-header";
import { SARENA_SIDE } from "../metrics/image-similarity";
import type { TargetImage } from "../loop/loop-types";

export type PictureResult = { ok: true; target: TargetImage } | { ok: false; message: string };

export async function pictureFromFile(file: File): Promise<PictureResult> {
  const named = file.name ? `“${file.name}”: ` : "";
  let header;
  try {
    const head = new Uint8Array(await file.slice(0, PICTURE_HEADER_BYTES).arrayBuffer());
    header = readPictureHeader(head, file.size);
  } catch (e) {
    if (e instanceof PictureCheckError) return { ok: false, message: `${named}${e.message}` };
    return { ok: false, message: `${named}the file could not be read (${(e as Error).message}).` };
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, message: `${named}the browser could not decode it as a ${header.format.toUpperCase()} image.` };
  }
  try {
    const scale = SARENA_SIDE / Math.max(bitmap.width, bitmap.height);
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) return { ok: false, message: "No 2D canvas is available to scale the image." };
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    return {
      ok: true,
      target: { png: canvas.toDataURL("image/png"), name: (file.name || "pasted image").slice(0, 200), width: header.width, height: header.height },
    };
  } finally {
    bitmap.close();
  }
}
