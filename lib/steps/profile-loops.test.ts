/**
 * Whole loops per profile on the built-in engine in-process (the Node model port): each
 * profile's prompts are answered, extracted, rendered and critiqued; the designer's notes
 * refine a round; a profile without a critic runs a single pass.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loopReducer } from "../loop/loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "../loop/loop-types";
import { createRunController } from "../loop/run-controller";
import { runLoopToEnd } from "../loop/run-loop-to-end";
import { rasterizeSvgNode } from "../raster/node";
import { withInProcessEngine } from "./builtin-engine-fetch";
import { readInferenceConfig } from "./config";
import { resolveStudioRun } from "./studio-run";
import { createNodeModelPort } from "./node-model-port";

const config = withInProcessEngine(readInferenceConfig({}), { tokensPerSecond: 0 });
const rasterize = (svg: string) => rasterizeSvgNode(svg);
const SETTINGS: LoopSettings = { mode: "paper", maxRefinements: 2, threshold: 9.5 };

describe("whole loops per profile on the built-in engine", () => {
  it.each([
    ["intro-svg", "introsvg-builtin"],
    ["internsvg-8b", "internsvg-builtin"],
    ["chat", "chat-builtin"],
  ])("%s: drafts, critiques with IntroSVG and keeps the best round", async (profile, writer) => {
    const state = await runLoopToEnd({
      prompt: "a blue line icon of a forklift",
      settings: resolveStudioRun(config, { profile, settings: SETTINGS }).settings,
      model: createNodeModelPort(config),
      rasterize,
    });
    expect(state.status).toBe("done");
    expect(state.rounds[0]).toMatchObject({ kind: "draft", phase: "done", generation: { model: writer }, critiqueMeta: { model: "introsvg-builtin" } });
    expect(state.rounds.every((r) => r.critique !== null && r.svg?.startsWith("<svg"))).toBe(true);
    if (profile === "chat") expect(state.rounds[0].modelText).toMatch(/^Here is the SVG icon:\n\n```svg\n<svg/);
  });

  it("the designer's notes refine a round: the notes round is critiqued and has the asked colour", async () => {
    let state: LoopState = INITIAL_LOOP_STATE;
    const controller = createRunController({
      model: createNodeModelPort(config),
      rasterize,
      getState: () => state,
      apply: (e) => (state = loopReducer(state, e)),
    });
    await controller.start("a blue circle icon", resolveStudioRun(config, { profile: "internsvg-8b", settings: { ...SETTINGS, maxRefinements: 0 } }).settings);
    await controller.refineWithNotes("round-1", "make it red");
    const notes = state.rounds[1];
    expect(notes).toMatchObject({ kind: "notes", notes: "make it red", phase: "done", generation: { model: "internsvg-builtin" } });
    expect(notes.svg).toContain("#e53935");
    expect(notes.critique?.score).toBeGreaterThan(0);
    expect(state.status).toBe("done");
  });

  it("a profile without a critic (from a profiles file) runs a single pass", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-profiles-"));
    const file = path.join(dir, "profiles.json");
    const generator = {
      server: "default",
      model: "internsvg-builtin",
      draftTemplate: "Draw an SVG icon, description: {origin_prompt}\nOnly output the svg code, no other text.",
      refineTemplate: "Fix this SVG:\n{current_svg_content}\n{suggestions}\nOnly output the svg code, no other text.",
      sampling: { draft: { temperature: 0, maxTokens: 4000 }, refine: { temperature: 0, maxTokens: 4000 } },
    };
    fs.writeFileSync(file, JSON.stringify({ profiles: [{ id: "solo", label: "Solo", generator, critic: null }] }));
    try {
      const solo = withInProcessEngine(readInferenceConfig({ STUDIO_PROFILES_FILE: file }), { tokensPerSecond: 0 });
      const settings = resolveStudioRun(solo, { profile: "solo", settings: SETTINGS }).settings;
      expect(settings).toEqual({ ...SETTINGS, profile: "solo", singlePass: true });
      const state = await runLoopToEnd({ prompt: "a red heart", settings, model: createNodeModelPort(solo), rasterize });
      expect(state.status).toBe("done");
      expect(state.rounds).toHaveLength(1);
      expect(state.rounds[0]).toMatchObject({ phase: "done", critique: null, critiqueMeta: null, generation: { model: "internsvg-builtin" } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
