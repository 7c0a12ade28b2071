/**
 * What the built-in engine takes on, checked before any work starts (cheap: string lengths and
 * 33 bytes of each image): the prompt, SVG and critique inside IntroSVG's templates under the
 * studio's own caps, and every PNG's header within 2048×2048 — so a decompression bomb is a 413
 * having decoded nothing, and an answer's work is bounded by the size of what it reads.
 */
import { LIMITS } from "../../http/limits";
import { PngCheckError, PNG_HEADER_BYTES, readPngHeader } from "../../http/png";
import { parsePromptText } from "../../introsvg/prompts";
import { ProtocolError, type UserTurn } from "./openai-protocol";
import { parseStyledPrompt } from "./prompt-styles";

const PNG_URL = /^\s*data:image\/png(?:;[^,;]*)*;base64,/i;

function tooLarge(what: string, limit: string): ProtocolError {
  return new ProtocolError(413, `The ${what} is larger than the built-in engine takes (${limit}).`, "messages");
}

/** Throws ProtocolError (413 for a size, 400 for a malformed image) when the turn is out of bounds. */
export function checkTurnLimits(turn: UserTurn): void {
  for (const url of turn.images) {
    const head = PNG_URL.exec(url);
    if (!head) continue; // not a PNG data URL: the critic refuses it without decoding anything
    const base64 = url
      .slice(head[0].length, head[0].length + 256)
      .replace(/\s+/g, "")
      .slice(0, Math.ceil(PNG_HEADER_BYTES / 3) * 4);
    try {
      readPngHeader(Buffer.from(base64, "base64"));
    } catch (e) {
      if (!(e instanceof PngCheckError)) throw e;
      throw new ProtocolError(e.tooLarge ? 413 : 400, `The image is not an acceptable PNG: ${e.message}.`, "image_url");
    }
  }
  const parsed = parsePromptText(turn.text);
  if (!parsed) {
    // InternSVG-style and chat prompts: a description, or an SVG to edit with instructions.
    const styled = parseStyledPrompt(turn.text);
    if (styled?.kind === "edit" && Buffer.byteLength(styled.svg) > LIMITS.svgBytes) throw tooLarge("SVG to edit", `${LIMITS.svgBytes / 1024} kB`);
    // Their description is read out of free text (the template's own words may come with it).
    if (styled && styled.originPrompt.length > 4 * LIMITS.promptChars) throw tooLarge("prompt", `${4 * LIMITS.promptChars} characters`);
    return;
  }
  if (parsed.originPrompt.length > LIMITS.promptChars) throw tooLarge("prompt", `${LIMITS.promptChars} characters`);
  if (parsed.role !== "refiner") return;
  if (Buffer.byteLength(parsed.svg) > LIMITS.svgBytes) throw tooLarge("draft SVG", `${LIMITS.svgBytes / 1024} kB`);
  if (parsed.critique.length > LIMITS.critiqueChars) throw tooLarge("critique", `${LIMITS.critiqueChars} characters`);
  if (parsed.suggestions.length > LIMITS.critiqueChars) throw tooLarge("suggestions text", `${LIMITS.critiqueChars} characters`);
}
