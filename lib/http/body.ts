/**
 * Request bodies read under a cap *while they stream in*: a declared Content-Length over the
 * cap is refused before a byte is read, and a body without one (chunked) is refused as soon as
 * the bytes that have arrived pass the cap — never read whole first. Every route that takes a
 * body reads it here (the studio's JSON routes and the built-in engine).
 */
import { StudioError } from "./errors";

/** "64 kB", "2 MB": a cap as the user reads it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export function bodyTooLarge(maxBytes: number): StudioError {
  return new StudioError("too_large", `The request body is larger than ${formatBytes(maxBytes)}.`);
}

/**
 * After a refusal the rest of the upload is left unread, so the 413 reaches the client first;
 * the stream is cancelled (which closes the connection) once the answer has had time to go out,
 * so a refused upload can neither hold a socket open nor be drained to its end.
 */
const CANCEL_AFTER_REFUSAL_MS = 2_000;

function cancelLater(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const timer = setTimeout(() => reader.cancel().catch(() => undefined), CANCEL_AFTER_REFUSAL_MS);
  (timer as { unref?: () => void }).unref?.();
}

/** The body's bytes, at most `maxBytes` of them; StudioError "too_large" (413) past that. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    if (request.body) cancelLater(request.body.getReader());
    throw bodyTooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      cancelLater(reader);
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, under the same cap; 400 for bytes that are not UTF-8. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(request, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new StudioError("bad_request", "The request body is not UTF-8 text.");
  }
}
