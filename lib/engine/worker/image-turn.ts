/**
 * A user turn that carries a picture and is not IntroSVG's critic prompt: image to SVG. A
 * generation (InternSVG's image instruction, a chat model's, or any text with a picture) is
 * answered with the picture traced (trace-image.ts). A refinement (an SVG to edit, with the
 * target picture) does what the designer's notes ask when it carries notes; otherwise it traces
 * the picture again more finely and keeps whichever of the two SVGs matches the picture better
 * (SSIM at the picture's own size), so a refinement never moves away from the target.
 */
import { DESIGNER_NOTES_CRITIQUE, noteLines } from "../../introsvg/designer-notes";
import { parsePromptText } from "../../introsvg/prompts";
import { rgbaOnWhite, ssim, type RgbImage } from "../../metrics/image-similarity";
import { renderSvgPng } from "../../raster/node";
import { PNG } from "pngjs";
import { decodeImageDataUrl, type Rgba } from "../drawing/image-measure";
import { applyNotes } from "../refiner/notes";
import { chatAnswer, parseStyledPrompt, type AnswerStyle } from "../protocol/prompt-styles";
import { traceImage } from "../drawing/trace-image";

export interface ImageTurn {
  role: "generator" | "refiner";
  answer: () => string;
}

/** Side the refinement compares at: enough to rank two traces, cheap to draw twice. */
const COMPARE_SIDE = 128;

/** The picture reduced (nearest pixel) to fit COMPARE_SIDE, as RGB. */
function reducedPicture(picture: Rgba): { width: number; height: number; rgb: RgbImage } {
  const scale = Math.min(1, COMPARE_SIDE / Math.max(picture.width, picture.height));
  const width = Math.max(1, Math.round(picture.width * scale));
  const height = Math.max(1, Math.round(picture.height * scale));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(picture.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(picture.width - 1, Math.floor(x / scale));
      data.set(picture.data.subarray((sy * picture.width + sx) * 4, (sy * picture.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { width, height, rgb: rgbaOnWhite(data, width, height) };
}

/** How closely an SVG matches the (reduced) picture: SSIM, 0 when it cannot be drawn or the picture is under 11 px. */
function similarity(svg: string, picture: ReturnType<typeof reducedPicture>): number {
  try {
    const drawn = PNG.sync.read(renderSvgPng(svg, { width: picture.width, height: picture.height, background: "white" }));
    return ssim(picture.rgb, rgbaOnWhite(drawn.data, drawn.width, drawn.height));
  } catch {
    return 0;
  }
}

/** The better of the round's SVG and a finer trace, judged against the picture. */
export function refineTowardsPicture(svg: string, picture: Rgba): string {
  const finer = traceImage(picture, 1).svg;
  const reduced = reducedPicture(picture);
  return similarity(finer, reduced) > similarity(svg, reduced) ? finer : svg;
}

/** Null when the turn is not image to SVG (the critic's prompt, which judges its image). */
export function prepareImageTurn(text: string, images: readonly string[], asChat: boolean): ImageTurn | null {
  if (images.length === 0) return null;
  const introsvg = parsePromptText(text);
  if (introsvg?.role === "critic") return null;
  // The target picture is the last image (a refinement sends exactly one).
  const picture = decodeImageDataUrl(images[images.length - 1]);
  const styled = introsvg ? null : parseStyledPrompt(text);
  const style: AnswerStyle = asChat ? "chat" : introsvg ? "bare" : (styled?.style ?? "chat");
  const answer = (svg: string, what: string) => (style === "chat" ? chatAnswer(svg, what) : svg);
  const edit =
    introsvg?.role === "refiner"
      ? { svg: introsvg.svg, notes: introsvg.critique === DESIGNER_NOTES_CRITIQUE ? noteLines(introsvg.suggestions) : [], originPrompt: introsvg.originPrompt }
      : styled?.kind === "edit"
        ? { svg: styled.svg, notes: styled.notes ? styled.items : [], originPrompt: styled.originPrompt }
        : null;
  if (!edit) return { role: "generator", answer: () => answer(traceImage(picture).svg, "the picture, traced") };
  return {
    role: "refiner",
    answer: () => {
      if (edit.notes.length > 0) {
        const done = applyNotes({ originPrompt: edit.originPrompt, svg: edit.svg, notes: edit.notes });
        if (done.applied.length > 0) return answer(done.svg, "the picture, revised as the notes ask");
      }
      return answer(refineTowardsPicture(edit.svg, picture), "the picture, traced more closely");
    },
  };
}
