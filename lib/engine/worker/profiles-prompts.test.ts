/**
 * The engine answers every built-in profile's prompts: InternSVG-style generation and edit
 * instructions (bare SVG), chat prompts (fenced SVG with prose, as chat models answer), the chat
 * model id (fenced critique JSON), and the designer's notes in any refine template.
 */
import { describe, expect, it } from "vitest";
import { DESIGNER_NOTES_CRITIQUE, notesAsSuggestions } from "../../introsvg/designer-notes";
import { parseCritique } from "../../introsvg/critique-parser";
import { buildCriticPrompt, buildRefinerPrompt, fillTemplate } from "../../introsvg/prompts";
import { CHAT_DRAFT_TEMPLATE, CHAT_REFINE_TEMPLATE, INTERNSVG_DRAFT_TEMPLATE, INTERNSVG_EDIT_TEMPLATE } from "../../profiles/builtin-profiles";
import { extractSvg } from "../../svg/extract-svg";
import { validateSvg } from "../../svg/validate-svg";
import { renderSvgPng } from "../../raster/node";
import { colourShare } from "../drawing/image-measure";
import { generateSvg } from "../generator/generator";
import { applyNotes, askedColour } from "../refiner/notes";
import { parseStyledPrompt } from "../protocol/prompt-styles";
import { prepareTurn } from "./answer-turn";
import { judge, renderMeasure } from "../../../test/support/engine-judging";

const PROMPT = "a blue line icon of a forklift";
const draft = () => generateSvg(PROMPT, { flaws: [] }).svg;

describe("engine: InternSVG-style prompts", () => {
  it("draws the description of a generation prompt and answers bare SVG", () => {
    const text = fillTemplate(INTERNSVG_DRAFT_TEMPLATE, { origin_prompt: PROMPT });
    expect(parseStyledPrompt(text)).toEqual({ kind: "draft", originPrompt: PROMPT, style: "bare" });
    const turn = prepareTurn(text, [], "internsvg-builtin");
    expect(turn.role).toBe("generator");
    const answer = turn.answer();
    // The InternSVG stand-in draws in a house style of its own: a finished line drawing.
    expect(answer).toBe(generateSvg(PROMPT, { flaws: [], house: "line" }).svg);
    expect(answer).not.toBe(generateSvg(PROMPT).svg);
    expect(validateSvg(answer).ok).toBe(true);
  });

  it("edits the SVG of an edit instruction and answers bare SVG", () => {
    const small = generateSvg(PROMPT, { flaws: ["small"] }).svg;
    const text = fillTemplate(INTERNSVG_EDIT_TEMPLATE, {
      origin_prompt: PROMPT,
      current_svg_content: small,
      critique: "The forklift is small.",
      suggestions: "1. Scale the drawing up so it fills the canvas.",
    });
    const parsed = parseStyledPrompt(text);
    expect(parsed).toMatchObject({
      kind: "edit",
      originPrompt: PROMPT,
      svg: small,
      items: ["Scale the drawing up so it fills the canvas."],
      notes: false,
      style: "bare",
    });
    const answer = prepareTurn(text, [], "internsvg-builtin").answer();
    expect(answer.startsWith("<svg")).toBe(true);
    expect(renderMeasure(answer).size).toBeGreaterThan(renderMeasure(small).size + 0.2);
  });
});

describe("engine: chat-style prompts and the chat model", () => {
  it("answers a chat draft with a sentence, a ```svg fence and prose, which extraction reads", () => {
    const text = fillTemplate(CHAT_DRAFT_TEMPLATE, { origin_prompt: PROMPT });
    const answer = prepareTurn(text, []).answer();
    expect(answer).toMatch(/^Here is the SVG icon:\n\n```svg\n<svg[\s\S]*<\/svg>\n```\n\nIt shows "a blue line icon of a forklift"/);
    const extracted = extractSvg(answer);
    expect(extracted.status).toBe("ok");
    expect(extracted.status === "ok" && extracted.svg).toBe(generateSvg(PROMPT).svg);
  });

  it("answers a chat refine prompt (SVG in a fence) in a fence too", () => {
    const text = fillTemplate(CHAT_REFINE_TEMPLATE, { origin_prompt: PROMPT, current_svg_content: draft(), critique: "Good.", suggestions: "1. Keep it." });
    expect(parseStyledPrompt(text)).toMatchObject({ kind: "edit", originPrompt: PROMPT, style: "chat" });
    expect(prepareTurn(text, []).answer()).toContain("```svg\n<svg");
  });

  it("as the chat model, answers IntroSVG's critic prompt with fenced JSON the critique parser reads", () => {
    const png = `data:image/png;base64,${renderSvgPng(draft()).toString("base64")}`;
    const answer = prepareTurn(buildCriticPrompt(PROMPT), [png], "chat-builtin").answer();
    expect(answer).toMatch(/^Here is my critique of the draft:\n\n```json\n\{/);
    const parsed = parseCritique(answer);
    expect(parsed.ok && parsed.value.score).toBeGreaterThan(5);
  });

  it("anything that asks for no SVG still gets the engine's note", () => {
    expect(prepareTurn("hello, who are you?", []).role).toBe("chat");
  });
});

describe("engine: the designer's notes", () => {
  const notesPrompt = (notes: string, svg = draft()) =>
    buildRefinerPrompt({ originPrompt: PROMPT, svg, critique: DESIGNER_NOTES_CRITIQUE, suggestions: notesAsSuggestions(notes) });

  it("reads the colour a note asks for", () => {
    expect(askedColour("make it red")?.name).toBe("red");
    expect(askedColour("change the blue to green")?.name).toBe("green");
    expect(askedColour("orange instead of blue")?.name).toBe("orange");
    expect(askedColour("bigger")).toBeNull();
  });

  it("a colour: the IntroSVG refiner prompt with notes recolours the drawing, though nothing measured wrong", () => {
    const before = judge(draft(), PROMPT);
    expect(colourShare(before.measure, ["red"])).toBeLessThan(0.05);
    const answer = prepareTurn(notesPrompt("Make it red"), []).answer();
    expect(colourShare(renderMeasure(answer), ["red"])).toBeGreaterThan(0.3);
  });

  it("bigger and smaller scale the drawing", () => {
    const small = generateSvg(PROMPT, { flaws: ["small"] }).svg;
    const bigger = applyNotes({ originPrompt: PROMPT, svg: small, notes: ["bigger please"] });
    expect(bigger.applied).toEqual(["bigger"]);
    expect(renderMeasure(bigger.svg).size).toBeGreaterThan(renderMeasure(small).size * 1.15);
    const smaller = applyNotes({ originPrompt: PROMPT, svg: draft(), notes: ["Make it smaller"] });
    expect(smaller.applied).toEqual(["smaller"]);
    expect(renderMeasure(smaller.svg).size).toBeLessThan(renderMeasure(draft()).size * 0.85);
  });

  it("a named subject: 'add a star' adds a badge, 'make it a rocket' redraws in the prompt's colours", () => {
    const added = applyNotes({ originPrompt: PROMPT, svg: draft(), notes: ["add a star"] });
    expect(added.applied).toEqual(["add-subject"]);
    expect(added.svg).not.toBe(draft());
    const redrawn = applyNotes({ originPrompt: PROMPT, svg: draft(), notes: ["make it a rocket"] });
    expect(redrawn.applied).toEqual(["subject"]);
    expect(redrawn.svg).toBe(generateSvg("blue rocket", { flaws: [] }).svg);
  });

  it("notes in an InternSVG edit instruction are followed too, and an unreadable note falls back to refining", () => {
    const text = fillTemplate(INTERNSVG_EDIT_TEMPLATE, {
      origin_prompt: PROMPT,
      current_svg_content: draft(),
      critique: DESIGNER_NOTES_CRITIQUE,
      suggestions: notesAsSuggestions("use green"),
    });
    expect(parseStyledPrompt(text)).toMatchObject({ notes: true, items: ["use green"] });
    expect(colourShare(renderMeasure(prepareTurn(text, []).answer()), ["green"])).toBeGreaterThan(0.3);
    const unreadable = applyNotes({ originPrompt: PROMPT, svg: draft(), notes: ["feels a bit sad"] });
    expect(unreadable).toMatchObject({ applied: [], ignored: ["feels a bit sad"] });
    expect(validateSvg(prepareTurn(notesPrompt("feels a bit sad"), []).answer()).ok).toBe(true);
  });
});
