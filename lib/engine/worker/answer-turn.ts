/**
 * Which prompt a user turn is and the engine's answer to it. IntroSVG's byte-exact templates
 * (lib/introsvg/prompts.ts recognises them) get bare SVG for the generator and refiner, bare
 * JSON for the critic; a refiner prompt that carries the designer's notes (its critique is
 * DESIGNER_NOTES_CRITIQUE) is answered by doing what the notes ask (notes.ts). Other models'
 * prompts (InternSVG-style generation and edit instructions, chat prompts: prompt-styles.ts)
 * get SVG in the style they ask for. Asked as the chat model (BUILTIN_MODEL_IDS.chat), the
 * engine answers as chat models do: fenced SVG or JSON with a sentence of prose. A turn with a
 * picture that is not the critic's is image to SVG (image-turn.ts). Anything else gets a short note.
 */
import { DESIGNER_NOTES_CRITIQUE, noteLines } from "../../introsvg/designer-notes";
import { parsePromptText } from "../../introsvg/prompts";
import { critiqueImage, formatCritique } from "../critic/critic";
import { generateSvg, type GenerateOptions } from "../generator/generator";
import { decodeImageDataUrl, type Rgba } from "../drawing/image-measure";
import { prepareImageTurn } from "./image-turn";
import { applyNotes } from "../refiner/notes";
import { CHAT_MODEL_ID, INTERNSVG_MODEL_ID, MODEL_ID } from "../protocol/openai-protocol";
import { chatAnswer, parseStyledPrompt, type AnswerStyle } from "../protocol/prompt-styles";
import { refineSvg } from "../refiner/refiner";

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
  "It also answers other models' prompts that ask for an SVG (a description to draw, or an SVG with instructions to edit), " +
  "bare when asked to only output the svg code, else in a ```svg code block. Other messages get this note.";

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
export function prepareTurn(text: string, images: readonly string[], model: string = MODEL_ID, seed?: number): PreparedTurn {
  const asChat = model === CHAT_MODEL_ID;
  const imageTurn = prepareImageTurn(text, images, asChat);
  if (imageTurn) return imageTurn;
  const parsed = parsePromptText(text);
  const draft = (prompt: string) => generateSvg(prompt, draftOptions(model, seed)).svg;
  if (!parsed) return prepareStyledTurn(text, asChat, draft);
  const styled = (svg: string, what: string) => (asChat ? chatAnswer(svg, what) : svg);
  if (parsed.role === "generator") return { role: "generator", answer: () => styled(draft(parsed.originPrompt), `"${parsed.originPrompt}"`) };
  if (parsed.role === "refiner") {
    const { originPrompt, svg, critique, suggestions } = parsed;
    return {
      role: "refiner",
      answer: () =>
        styled(
          critique === DESIGNER_NOTES_CRITIQUE
            ? followNotes(originPrompt, svg, noteLines(suggestions))
            : refineSvg({ originPrompt, svg, critique, suggestions }).svg,
          `"${originPrompt}", revised`,
        ),
    };
  }
  // Critic: the last image is the draft's render (the template sends exactly one).
  if (images.length === 0) return { role: "critic", answer: () => NO_IMAGE_CRITIQUE };
  const img: Rgba = decodeImageDataUrl(images[images.length - 1]);
  return {
    role: "critic",
    answer: () => {
      const json = critiqueImage(img, parsed.originPrompt).text;
      // A chat model wraps its JSON in a fence and says a word about it.
      return asChat ? `Here is my critique of the draft:\n\n\`\`\`json\n${json}\n\`\`\`` : json;
    },
  };
}

/** The designer's notes done as asked; notes it cannot read fall back to its own refinement. */
function followNotes(originPrompt: string, svg: string, notes: string[]): string {
  const result = applyNotes({ originPrompt, svg, notes });
  if (result.applied.length > 0) return result.svg;
  return refineSvg({ originPrompt, svg, critique: DESIGNER_NOTES_CRITIQUE, suggestions: notes.map((n, i) => `${i + 1}. ${n}`).join("\n") }).svg;
}

/**
 * Each built-in model draws in a house style of its own, so "Compare with another profile" shows a
 * real difference offline: IntroSVG's drafts as they come; the InternSVG stand-in, used in a single
 * pass as the model is, a finished line drawing (filled only when the prompt asks for it); the
 * chat stand-in, other artwork and palette from the same words.
 */
function draftOptions(model: string, seed?: number): GenerateOptions {
  if (model === INTERNSVG_MODEL_ID) return { flaws: [], seed, house: "line" };
  if (model === CHAT_MODEL_ID) return { seed: (seed ?? 0) + 2 };
  return { seed };
}

function prepareStyledTurn(text: string, asChat: boolean, draft: (prompt: string) => string): PreparedTurn {
  const styled = parseStyledPrompt(text);
  if (!styled) return { role: "chat", answer: () => CHAT_REPLY };
  const style: AnswerStyle = asChat ? "chat" : styled.style;
  const answer = (svg: string, what: string) => (style === "chat" ? chatAnswer(svg, what) : svg);
  if (styled.kind === "draft") {
    return { role: "generator", answer: () => answer(draft(styled.originPrompt), `"${styled.originPrompt}"`) };
  }
  const { originPrompt, svg, items } = styled;
  return {
    role: "refiner",
    answer: () =>
      answer(
        styled.notes
          ? followNotes(originPrompt, svg, items)
          : refineSvg({ originPrompt, svg, critique: styled.critique, suggestions: items.map((n, i) => `${i + 1}. ${n}`).join("\n") }).svg,
        originPrompt ? `"${originPrompt}", revised` : "the revised icon",
      ),
  };
}
