/**
 * Which of IntroSVG's prompts a user turn is (lib/introsvg/prompts.ts recognises the byte-exact
 * templates) and the engine's answer to it: bare SVG for the generator and refiner, bare JSON
 * for the critic, a short note for anything else.
 */
import { parsePromptText } from "../introsvg/prompts";
import { critiqueImage, formatCritique } from "./critic";
import { generateSvg } from "./generator";
import { decodeImageDataUrl, type Rgba } from "./image-measure";
import { MODEL_ID } from "./openai-protocol";
import { refineSvg } from "./refiner";

export type EngineRole = "generator" | "critic" | "refiner" | "chat";

export interface PreparedTurn {
  role: EngineRole;
  /** Computes the answer text (the slow part; run once streaming has started). */
  answer: () => string;
}

export const CHAT_REPLY =
  `This is the IntroSVG Studio built-in engine (model "${MODEL_ID}"): an offline, deterministic stand-in for the IntroSVG model, ` +
  "not the model itself. It composes icons from open icon sets and measures renders with simple image statistics. " +
  "It answers IntroSVG's three prompts, sent byte for byte as the studio sends them:\n" +
  '1. Generator: "Please generate an SVG icon that meets the following description: …" → an SVG.\n' +
  "2. Critic: the critic template with the rendered 200×200 PNG as an image_url data-URL part after the text → " +
  '{"score", "critique", "suggestions"} JSON.\n' +
  "3. Refiner: the refiner template with the draft SVG, the critique and the suggestions → an improved SVG.\n" +
  "Other messages get this note.";

export const NO_IMAGE_CRITIQUE = formatCritique({
  score: 0,
  critique:
    "No image was received with this critique request, so the draft cannot be evaluated: the critic judges the rendered pixels " +
    "of the draft, and without them nothing can be said about its aesthetics, colour or geometric construction.",
  suggestions:
    "1. Render the draft SVG at 200×200 on a white background and send the PNG as an image_url content part (data:image/png;base64,…) after the text part.\n" +
    "2. Repeat the critique request with the image attached.",
});

/**
 * Recognises the turn and decodes its image up front (so a bad image is a 400 before any
 * streaming). Throws ImageDecodeError for an unreadable image.
 */
export function prepareTurn(text: string, images: readonly string[]): PreparedTurn {
  const parsed = parsePromptText(text);
  if (!parsed) return { role: "chat", answer: () => CHAT_REPLY };
  if (parsed.role === "generator") return { role: "generator", answer: () => generateSvg(parsed.originPrompt).svg };
  if (parsed.role === "refiner") {
    return {
      role: "refiner",
      answer: () =>
        refineSvg({ originPrompt: parsed.originPrompt, svg: parsed.svg, critique: parsed.critique, suggestions: parsed.suggestions }).svg,
    };
  }
  // Critic: the last image is the draft's render (the template sends exactly one).
  if (images.length === 0) return { role: "critic", answer: () => NO_IMAGE_CRITIQUE };
  const img: Rgba = decodeImageDataUrl(images[images.length - 1]);
  return { role: "critic", answer: () => critiqueImage(img, parsed.originPrompt).text };
}
