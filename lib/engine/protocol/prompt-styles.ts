/**
 * Prompts other than IntroSVG's byte-exact three, as other models are asked: InternSVG-style
 * generation and edit instructions ("… Only output the svg code, no other text."), and chat
 * prompts that ask for an SVG in a code block. They are recognised by their shape rather than
 * their exact text, since a profiles file may reword them:
 *  - an SVG document in the text (first `<svg` to the last `</svg>`) makes it an edit of that SVG;
 *    its instruction is the rest of the text, the original description the first "quoted" span;
 *  - otherwise a text that asks for an SVG is a generation; the description follows
 *    "description:" (up to the line's end), else it is the first quoted span, else the first line.
 * The answer's style follows the request: bare SVG when asked to "only output the svg code",
 * else as chat models answer, in a ```svg fence with a sentence of prose.
 */
import { DESIGNER_NOTES_CRITIQUE, noteLines } from "../../introsvg/designer-notes";

export type AnswerStyle = "bare" | "chat";

export type StyledPrompt =
  | { kind: "draft"; originPrompt: string; style: AnswerStyle }
  | {
      kind: "edit";
      originPrompt: string;
      svg: string;
      /** The instruction's numbered items (the critic's suggestions, or the designer's notes). */
      items: string[];
      /** The instruction without its numbered items. */
      critique: string;
      /** The numbered items are the designer's notes (DESIGNER_NOTES_CRITIQUE is in the text). */
      notes: boolean;
      style: AnswerStyle;
    };

const ONLY_SVG = /only output the svg code/i;

function styleOf(text: string): AnswerStyle {
  return ONLY_SVG.test(text) ? "bare" : "chat";
}

function firstQuoted(text: string): string | null {
  const m = /"([^"\n]{1,2000})"/.exec(text);
  return m ? m[1].trim() : null;
}

/** "1. …" items, one per line, as critics and designers' notes are written. */
function numberedItems(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)[ \t]*\d+[.)][ \t]+([^\n]+)/g)].map((m) => m[1].trim());
}

export function parseStyledPrompt(text: string): StyledPrompt | null {
  const open = /<svg[\s>/]/i.exec(text);
  const close = text.toLowerCase().lastIndexOf("</svg>");
  if (open && close > open.index) {
    const svg = text.slice(open.index, close + "</svg>".length);
    const rest = `${text.slice(0, open.index)}\n${text.slice(close + "</svg>".length)}`.replace(/```(?:svg|xml)?/g, "");
    const items = numberedItems(rest);
    const notes = rest.includes(DESIGNER_NOTES_CRITIQUE);
    return {
      kind: "edit",
      originPrompt: firstQuoted(rest) ?? "",
      svg,
      items: notes ? items.flatMap((item) => noteLines(item)) : items,
      critique: rest.replace(/(?:^|\n)[ \t]*\d+[.)][ \t]+[^\n]+/g, "").trim(),
      notes,
      style: styleOf(text),
    };
  }
  if (!/\bsvg\b/i.test(text)) return null;
  const described = /description\s*:\s*([^\n]+)/i.exec(text);
  const originPrompt = (described?.[1] ?? firstQuoted(text) ?? text.split("\n")[0]).trim();
  return { kind: "draft", originPrompt, style: styleOf(text) };
}

/** An SVG answered as a chat model would: a line of prose, the fenced code, a sentence about it. */
export function chatAnswer(svg: string, what: string): string {
  return `Here is the SVG icon:\n\n\`\`\`svg\n${svg}\n\`\`\`\n\nIt shows ${what} on a 200×200 canvas, centred with a small margin, using only plain paths and shapes.`;
}
