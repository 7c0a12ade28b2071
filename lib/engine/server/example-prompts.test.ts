/**
 * The first 100 prompts of the reference repo's example/test.csv through the engine, as the
 * studio sends them: every generator answer is a complete, well-formed SVG in the model's form,
 * without script or external references, that renders non-blank; the critic scores each render.
 */
import { describe, expect, it } from "vitest";
import { handleEngineRequest } from "./engine-handler";
import { buildCriticPrompt, buildGeneratorPrompt } from "../../introsvg/prompts";
import { extractSvg } from "../../svg/extract-svg";
import { validateSvg } from "../../svg/validate-svg";
import { rasterizeSvgNode } from "../../raster/node";
import { decodeImageDataUrl, measureImage } from "../drawing/image-measure";
import { parseCritique } from "../../introsvg/critique-parser";
import { examplePrompts } from "../../../test/support/example-prompts";

async function complete(content: unknown): Promise<{ text: string; finish: string }> {
  const res = await handleEngineRequest(
    new Request("http://engine.test/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "introsvg-builtin", messages: [{ role: "user", content }], max_tokens: 6000 }),
    }),
    "/chat/completions",
    { tokensPerSecond: 0 },
  );
  expect(res.status).toBe(200);
  const body = await res.json();
  return { text: body.choices[0].message.content, finish: body.choices[0].finish_reason };
}

describe("first 100 example prompts", () => {
  const records = examplePrompts().slice(0, 100);

  it("has 100 prompts with ids and descriptions (quoted ones included)", () => {
    expect(records).toHaveLength(100);
    expect(records.every((r) => /^[0-9a-f-]{36}$/.test(r.id) && r.desc.length > 0)).toBe(true);
    expect(records.some((r) => r.desc.includes(","))).toBe(true);
  });

  it("answers every one with a valid SVG that renders non-blank, and critiques it", async () => {
    const scores: number[] = [];
    let fallbacks = 0;
    for (const { id, desc } of records) {
      const { text, finish } = await complete(buildGeneratorPrompt(desc));
      expect(finish, id).toBe("stop");
      const extracted = extractSvg(text, finish);
      expect(extracted.status, id).toBe("ok");
      expect(text.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">`), id).toBe(true);
      expect(validateSvg(text), `${id}: ${desc}`).toEqual({ ok: true });
      expect(text, id).not.toMatch(/<script|<foreignObject|<image\b|\son[a-z]+=|(?:href|url\()\s*["(]?\s*(?!#)[a-z]+:/i);
      if (text.includes("no icon matched")) fallbacks += 1;
      const raster = await rasterizeSvgNode(text);
      const m = measureImage(decodeImageDataUrl(raster));
      expect(m.inkFraction, `${id}: ${desc}`).toBeGreaterThan(0.01);
      const critique = await complete([
        { type: "text", text: buildCriticPrompt(desc) },
        { type: "image_url", image_url: { url: raster } },
      ]);
      const parsed = parseCritique(critique.text);
      expect(parsed.ok, id).toBe(true);
      // Every draft carries ink, and the critic does not call any of them blank.
      expect(critique.text, `${id}: ${desc}`).not.toContain("blank canvas");
      if (parsed.ok) scores.push(parsed.value.score);
    }
    // Most prompts find real icon artwork; the rest get the labelled fallback.
    expect(fallbacks).toBeLessThan(20);
    // Flawed drafts score low: one missing its subjects and colours may reach the critic's floor
    // (issue #19, each missing element lowers the score); most still score well above it.
    expect(scores.filter((s) => s > 1).length).toBeGreaterThan(95);
    // The drafts leave the loop something to find and fix (issue #19: one prompt in three showed
    // no loop at all when its draft passed at once).
    expect(scores.filter((s) => s < 9.5).length).toBeGreaterThanOrEqual(80);
  }, 400_000);
});
