import { describe, expect, it } from "vitest";
import { BRIEF_NOTES_HEADING, briefWithNotes, readBrief } from "../introsvg/designer-notes";
import { buildCriticPrompt, CRITIC_TEMPLATE } from "../introsvg/prompts";
import { pickBest } from "./best-round";
import { briefStart, standingNotesAt } from "./brief";
import { loopReducer } from "./loop-reducer";
import { selectBestRound } from "./loop-selectors";
import { INITIAL_LOOP_STATE, type Round } from "./loop-types";

const round = (index: number, kind: Round["kind"], score: number | null, notes: string | null = null) => ({ index, kind, score, notes });

describe("notes that stick", () => {
  it("stand from their round on, in order", () => {
    const rounds = [round(1, "draft", 9.8), round(2, "notes", 6, "make it blue"), round(3, "refine", 7), round(4, "notes", 8, "add a leaf")];
    expect(standingNotesAt(rounds, 1)).toBe("");
    expect(standingNotesAt(rounds, 2)).toBe("make it blue");
    expect(standingNotesAt(rounds, 2, false)).toBe("");
    expect(standingNotesAt(rounds, 4)).toBe("make it blue\nadd a leaf");
    expect(briefStart(rounds)).toBe(4);
  });

  it("join the design prompt the critic is given; the template keeps its bytes", () => {
    const brief = briefWithNotes("a red apple", "make it blue\n- add a leaf");
    expect(brief).toBe(`a red apple${BRIEF_NOTES_HEADING}1. make it blue\n2. add a leaf`);
    expect(readBrief(brief)).toEqual({ prompt: "a red apple", notes: ["make it blue", "add a leaf"] });
    expect(briefWithNotes("a red apple", "")).toBe("a red apple");
    const text = buildCriticPrompt(brief);
    const [head, tail] = CRITIC_TEMPLATE.split("{origin_prompt}");
    expect(text.startsWith(head) && text.endsWith(tail)).toBe(true);
  });

  it("pick the result from the latest notes round on: the red round before it cannot win", () => {
    const rounds = [round(1, "draft", 9.8), round(2, "notes", 7.5, "make it blue"), round(3, "refine", 9.6)];
    expect(pickBest(rounds)?.index).toBe(3);
    // A later round that reverts the notes scores low against them and does not win either.
    expect(pickBest([...rounds.slice(0, 2), round(3, "refine", 4)])?.index).toBe(2);
    // Until the notes round is scored, the earlier best stands.
    expect(pickBest([round(1, "draft", 9.8), round(2, "notes", null, "make it blue")])?.index).toBe(1);
  });

  it("a kept round stays the result, whatever scores later", () => {
    const rounds = [round(1, "draft", 6), round(2, "refine", 8), round(3, "refine", 9.7)];
    expect(pickBest(rounds, 2)?.index).toBe(2);
    expect(pickBest(rounds, null)?.index).toBe(3);
  });

  it("Keep this round is an event on the loop's settings", () => {
    const done = (index: number, score: number): Round => ({
      id: `r${index}`,
      index,
      kind: index === 1 ? "draft" : "refine",
      sourceIndex: index > 1 ? index - 1 : null,
      phase: "done",
      modelText: "<svg/>",
      svg: "<svg/>",
      truncated: null,
      generation: null,
      png: null,
      critiqueText: "",
      critique: { score, critique: "", suggestions: "" },
      finalCritique: false,
      critiqueMeta: null,
      error: null,
      stoppedStep: null,
      notes: null,
      match: null,
    });
    const state = { ...INITIAL_LOOP_STATE, prompt: "a cat", rounds: [done(1, 6), done(2, 9)], status: "done" as const };
    const kept = loopReducer(state, { type: "roundKept", index: 1 });
    expect(kept.settings.keptRound).toBe(1);
    expect(selectBestRound(kept)?.index).toBe(1);
    const unkept = loopReducer(kept, { type: "roundKept", index: null });
    expect(unkept.settings.keptRound).toBeUndefined();
    expect(selectBestRound(unkept)?.index).toBe(2);
    // A round that does not exist (or has no SVG) cannot be kept.
    expect(loopReducer(state, { type: "roundKept", index: 7 }).settings.keptRound).toBeUndefined();
  });
});
