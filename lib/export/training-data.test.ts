import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { introsvgFixture } from "../../test/support/fixtures";
import { critiqueOf, makeRound, svgOf } from "../../test/support/loop-builders";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../introsvg/prompts";
import { parseCritique } from "../introsvg/critique-parser";
import { notesRefineFields } from "../introsvg/designer-notes";
import { createTrainingDataBuilder, critiqueAnswer, type TrainingFile } from "./training-data";

/** Every key path of a JSON value, in order (arrays by their first element's shape). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value && typeof value === "object") return Object.entries(value).map(([k, v]) => [k, shape(v)]);
  return typeof value;
}

const example = (name: string) => JSON.parse(readFileSync(introsvgFixture("train-examples", name), "utf8")) as unknown[];
const fileOf = (files: TrainingFile[], name: string) => JSON.parse(String(files.find((f) => f.path === name)!.data)) as Array<Record<string, unknown>>;
const scored = (index: number, score: number, patch = {}) => makeRound(index, { critique: critiqueOf(index, score), ...patch });

describe("IntroSVG training data", () => {
  const builder = createTrainingDataBuilder({ minScore: 9, dpoMargin: 2 });
  // a kite: 5.0 → 9.5 (a refinement that raised it) → 8.0 (one that lowered it)
  const kiteImages = builder.add({ id: "kite", desc: "a red kite", rounds: [scored(1, 5), scored(2, 9.5), scored(3, 8)] });
  // a star: one draft at 9.2, nothing lower (no DPO pair, no refinement)
  const images = [...kiteImages];
  images.push(...builder.add({ id: "star", desc: "a gold star", rounds: [scored(1, 9.2)] }));
  // a cup: 6.0 then 7.5 (a notes round): under the min score, a gap under the margin
  images.push(...builder.add({ id: "cup", desc: "a cup", rounds: [scored(1, 6), scored(2, 7.5, { kind: "notes", notes: "make it taller\nadd steam" })] }));
  // nothing usable: a failed draft and a truncated one
  builder.add({ id: "void", desc: "a void", rounds: [makeRound(1, { phase: "failed", critique: null, png: null }), scored(2, 9.9, { truncated: "length" })] });
  const { files, summary } = builder.finish();

  it("has the shape of IntroSVG's own examples, key for key in the same order", () => {
    for (const name of ["train_direct.json", "refine.json", "critic.json", "dpo.json"]) {
      const ours = fileOf(files, name);
      expect(ours.length, name).toBeGreaterThan(0);
      for (const record of ours) expect(shape(record), name).toEqual(shape(example(name)[0]));
    }
  });

  it("builds each user turn from IntroSVG's templates and each answer from the rounds", () => {
    expect(fileOf(files, "train_direct.json")).toEqual([
      {
        messages: [
          { content: buildGeneratorPrompt("a red kite"), role: "user" },
          { content: svgOf(2), role: "assistant" },
        ],
        images: [],
      },
      {
        messages: [
          { content: buildGeneratorPrompt("a gold star"), role: "user" },
          { content: svgOf(1), role: "assistant" },
        ],
        images: [],
      },
    ]);
    const refine = fileOf(files, "refine.json");
    expect(refine).toEqual([
      {
        messages: [
          {
            content: buildRefinerPrompt({
              originPrompt: "a red kite",
              svg: svgOf(1),
              critique: "critique of round 1",
              suggestions: critiqueOf(1, 5).suggestions,
            }),
            role: "user",
          },
          { content: svgOf(2), role: "assistant" },
        ],
        images: [],
      },
      {
        messages: [
          { content: buildRefinerPrompt({ originPrompt: "a cup", svg: svgOf(1), ...notesRefineFields("make it taller\nadd steam") }), role: "user" },
          { content: svgOf(2), role: "assistant" },
        ],
        images: [],
      },
    ]);
    const dpo = fileOf(files, "dpo.json");
    expect(dpo).toEqual([
      {
        conversations: [{ from: "human", value: buildGeneratorPrompt("a red kite") }],
        chosen: { from: "gpt", value: svgOf(2) },
        rejected: { from: "gpt", value: svgOf(1) },
      },
    ]);
  });

  it("gives the critic its prompt with <image>, the PNG it saw, and a critique the studio's parser reads back", () => {
    const critic = fileOf(files, "critic.json");
    expect(critic).toHaveLength(6); // 3 kite + 1 star + 2 cup rounds; the void's are unusable
    for (const record of critic) {
      const [user, answer] = record.messages as Array<{ content: string }>;
      expect(user.content).toContain("<image>");
      expect([buildCriticPrompt("a red kite"), buildCriticPrompt("a gold star"), buildCriticPrompt("a cup")]).toContain(user.content);
      expect(parseCritique(answer.content).ok).toBe(true);
      expect(record.images).toHaveLength(1);
      expect(images.map((f) => f.path)).toContain((record.images as string[])[0]);
    }
    expect(images).toHaveLength(6);
    expect(kiteImages.map((f) => f.path)).toEqual(["draft_image/kite-1.png", "draft_image/kite-2.png", "draft_image/kite-3.png"]);
    expect(
      Buffer.from(kiteImages[0].data as Uint8Array)
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("writes the critique as the examples do (a float score, two-space JSON) and parses to the same values", () => {
    const text = critiqueAnswer({ score: 9, critique: 'A "kite".', suggestions: "1. A\n2. B" });
    expect(text).toBe('{\n  "score": 9.0,\n  "critique": "A \\"kite\\".",\n  "suggestions": "1. A\\n2. B"\n}');
    expect(parseCritique(text)).toEqual({ ok: true, value: { score: 9, critique: 'A "kite".', suggestions: "1. A\n2. B" } });
    const real = example("critic.json") as Array<{ messages: Array<{ content: string }> }>;
    for (const r of real) {
      const parsed = parseCritique(r.messages[1].content);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(critiqueAnswer(parsed.value)).toBe(r.messages[1].content);
    }
  });

  it("counts per file, names the prompts that gave nothing and never pads", () => {
    expect(summary.counts).toEqual({ "train_direct.json": 2, "refine.json": 2, "critic.json": 6, "dpo.json": 1 });
    expect(summary.empty).toEqual([{ id: "void", desc: "a void" }]);
    const info = JSON.parse(String(files.find((f) => f.path === "dataset_info.json")!.data));
    expect(Object.keys(info)).toEqual(["introsvg_train_direct", "introsvg_refine", "introsvg_critic", "introsvg_dpo"]);
    expect(info.introsvg_dpo).toMatchObject({
      file_name: "dpo.json",
      ranking: true,
      columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" },
    });
    expect(info.introsvg_critic).toMatchObject({ file_name: "critic.json", formatting: "sharegpt", columns: { messages: "messages", images: "images" } });

    const none = createTrainingDataBuilder({ minScore: 9, dpoMargin: 2 });
    none.add({ id: "a", desc: "a", rounds: [] });
    const out = none.finish();
    expect(fileOf(out.files, "dpo.json")).toEqual([]);
    expect(JSON.parse(String(out.files.find((f) => f.path === "dataset_info.json")!.data))).toEqual({});
  });
});
