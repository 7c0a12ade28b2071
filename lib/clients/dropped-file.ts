/**
 * What a file dropped onto (or pasted into) the studio is for: an SVG is the designer's own
 * drawing to start from ("Import SVG"), a PNG, JPEG or WebP is the target picture of image to SVG
 * (the "Image" input). By MIME type, else by name; anything else is neither (the content itself
 * is checked later by the one that takes it).
 */
import { PICTURE_MIME_TYPES } from "../http/image-header";

export type DroppedFileKind = "svg" | "picture" | "other";

const PICTURE_TYPES = new Set<string>(Object.values(PICTURE_MIME_TYPES));

export function droppedFileKind(file: { name: string; type: string }): DroppedFileKind {
  if (file.type === "image/svg+xml") return "svg";
  if (PICTURE_TYPES.has(file.type)) return "picture";
  // A type the system did not know (often empty): the name decides.
  if (/\.svg$/i.test(file.name)) return "svg";
  if (/\.(png|jpe?g|webp)$/i.test(file.name)) return "picture";
  return "other";
}
