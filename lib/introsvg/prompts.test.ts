import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CRITIC_TEMPLATE, GENERATOR_TEMPLATE, REFINER_TEMPLATE, buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt, parsePromptText } from "./prompts";
import { SAMPLING, RASTER } from "./sampling";
import { criticRecords, dpoRecords, refineRecords, trainDirect } from "../../test/support/train-examples";

describe("introsvg-prompts.json", () => {
  // SHA-256 of the project's reference introsvg-prompts.json (IntroSVG's three prompt texts, as in
  // the IntroSVG repository, with the sampling and raster settings), computed with sha256sum from
  // that reference file when this byte-exact copy was made. The training examples below check the
  // texts themselves; the hash pins every byte, formatting included.
  const REFERENCE_SHA256 = "b8adfd8a823e2a74faca505693f8e50b6be469606c2f8383a8883a9497a3352e";

  it("is byte for byte the reference file (pinned SHA-256)", () => {
    const ours = readFileSync(path.resolve(__dirname, "introsvg-prompts.json"));
    expect(createHash("sha256").update(ours).digest("hex")).toBe(REFERENCE_SHA256);
  });

  it("exposes the templates with their placeholders and the reference sampling", () => {
    expect(GENERATOR_TEMPLATE.endsWith("{origin_prompt}")).toBe(true);
    expect(CRITIC_TEMPLATE).toContain("draft<image> according");
    for (const p of ["{origin_prompt}", "{current_svg_content}", "{critique}", "{suggestions}"]) {
      expect(REFINER_TEMPLATE.split(p)).toHaveLength(2);
    }
    // introsvg-loop.md's table.
    expect(SAMPLING.generator).toEqual({ maxTokens: 6000, temperature: 0.5, topP: 1 });
    expect(SAMPLING.critic).toEqual({ maxTokens: 2048, temperature: 0.1 });
    expect(SAMPLING.refiner).toEqual({ maxTokens: 6000, temperature: 0.2, topP: 1 });
    expect(SAMPLING.final_critic).toEqual({ maxTokens: 2048, temperature: 0 });
    expect(RASTER).toEqual({ width: 200, height: 200, background: "white" });
  });
});

describe("rebuilding the training user turns byte for byte", () => {
  it.each(trainDirect())("$label (generator)", ({ user }) => {
    const parsed = parsePromptText(user);
    expect(parsed?.role).toBe("generator");
    if (parsed?.role !== "generator") return;
    expect(parsed.originPrompt.length).toBeGreaterThan(0);
    expect(buildGeneratorPrompt(parsed.originPrompt)).toBe(user);
  });

  it.each(dpoRecords())("$label (generator, DPO)", ({ user }) => {
    const parsed = parsePromptText(user);
    expect(parsed?.role).toBe("generator");
    if (parsed?.role !== "generator") return;
    expect(buildGeneratorPrompt(parsed.originPrompt)).toBe(user);
  });

  it.each(criticRecords())("$label (critic)", ({ user }) => {
    const parsed = parsePromptText(user);
    expect(parsed?.role).toBe("critic");
    if (parsed?.role !== "critic") return;
    // The origin prompt sits between the quotes of the "Original Design Prompt" line.
    expect(user).toContain(`**Original Design Prompt**: "${parsed.originPrompt}"\n`);
    expect(parsed.originPrompt).not.toContain("\n");
    expect(buildCriticPrompt(parsed.originPrompt)).toBe(user);
  });

  it.each(refineRecords())("$label (refiner)", ({ user }) => {
    const parsed = parsePromptText(user);
    expect(parsed?.role).toBe("refiner");
    if (parsed?.role !== "refiner") return;
    // The recovered SVG is the whole draft, not a piece of it.
    expect(parsed.svg.startsWith("<svg")).toBe(true);
    expect(parsed.svg.endsWith("</svg>")).toBe(true);
    expect(parsed.critique.length).toBeGreaterThan(20);
    expect(parsed.suggestions).toMatch(/^1\. /);
    expect(buildRefinerPrompt({ originPrompt: parsed.originPrompt, svg: parsed.svg, critique: parsed.critique, suggestions: parsed.suggestions })).toBe(user);
  });

  it("recovers the refiner's fields as the critic gave them (critique record ↔ refine record)", () => {
    // The refine examples are built from critic answers: the critique in the first refine
    // record is the critique text of the first critic record.
    const critic = JSON.parse(criticRecords()[0].assistant) as { critique: string; suggestions: string };
    const refine = parsePromptText(refineRecords()[0].user);
    if (refine?.role !== "refiner") throw new Error("not a refiner prompt");
    expect(refine.critique).toBe(critic.critique);
    expect(refine.suggestions).toBe(critic.suggestions);
  });
});

describe("filling placeholders", () => {
  it("inserts the prompt verbatim: no trimming, escaping or quoting", () => {
    const prompt = '  a "quoted" icon\nwith <tags> & $1 $& backrefs  ';
    expect(buildGeneratorPrompt(prompt)).toBe(`Please generate an SVG icon that meets the following description: ${prompt}`);
    expect(buildCriticPrompt(prompt)).toContain(`**Original Design Prompt**: "${prompt}"\n`);
  });

  it("does not re-substitute placeholders that appear inside values", () => {
    const prompt = "an icon saying {critique} and {origin_prompt}";
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>{suggestions}</text></svg>';
    const critique = "looks like {current_svg_content}";
    const suggestions = "1. keep {critique}";
    const text = buildRefinerPrompt({ originPrompt: prompt, svg, critique, suggestions });
    expect(text).toBe(
      REFINER_TEMPLATE.replace("{origin_prompt}", () => prompt)
        .replace("{current_svg_content}", () => svg)
        .replace('"{critique}"', () => `"${critique}"`)
        .replace(": {suggestions}.", () => `: ${suggestions}.`),
    );
    // Each value appears exactly once, unexpanded.
    expect(text.split(prompt)).toHaveLength(2);
    expect(text.split(svg)).toHaveLength(2);
    expect(text).toContain('an expert critique of this draft is: "looks like {current_svg_content}"');
    expect(text).toContain("suggestions are: 1. keep {critique}. Please");

    expect(buildGeneratorPrompt("{origin_prompt}")).toBe("Please generate an SVG icon that meets the following description: {origin_prompt}");
    expect(buildCriticPrompt("{critique}")).toContain('**Original Design Prompt**: "{critique}"');
  });

  it("round-trips values that contain placeholders and template separators", () => {
    const input = {
      originPrompt: "a sign reading {suggestions}",
      svg: '<svg xmlns="http://www.w3.org/2000/svg"><desc>"; an expert critique of this draft is: "</desc></svg>',
      critique: 'It says "hello"; fine {critique}',
      suggestions: "1. Use {origin_prompt}.\n2. Keep it.",
    };
    expect(parsePromptText(buildRefinerPrompt(input))).toEqual({ role: "refiner", ...input });
    expect(parsePromptText(buildCriticPrompt("{critique}"))).toEqual({ role: "critic", originPrompt: "{critique}" });
  });

  it("recognises no template in unrelated text", () => {
    expect(parsePromptText("Draw me a cat.")).toBeNull();
    expect(parsePromptText("")).toBeNull();
  });
});
