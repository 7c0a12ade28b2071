/** The reference layout as a pure mapping from an item's rounds to files. */
import { describe, expect, it } from "vitest";
import { critiqueOf, makeRound } from "../../test/support/loop-builders";
import { pythonJson, referenceLayoutFiles } from "./reference-layout";

const paths = (files: ReturnType<typeof referenceLayoutFiles>) => files.map((f) => f.path).sort();
const text = (files: ReturnType<typeof referenceLayoutFiles>, path: string) => files.find((f) => f.path === path)?.data;

describe("referenceLayoutFiles", () => {
  it("maps a reference-mode item like inference_loop.py: a draft, iterations 01–03, finals", () => {
    const rounds = [1, 2, 3, 4].map((i) =>
      makeRound(i, { critique: critiqueOf(i, [5, 9, 7, 8][i - 1]), png: `data:image/png;base64,${Buffer.from(`png of round ${i}`).toString("base64")}` }),
    );
    const files = referenceLayoutFiles("x1", rounds);
    expect(paths(files)).toEqual([
      "final_pngs/x1.png",
      "final_svgs/x1.json",
      "final_svgs/x1.svg",
      "intermediate_files/00_initial_drafts/x1.svg",
      "intermediate_files/01_iteration/critique_pngs/x1.png",
      "intermediate_files/01_iteration/refined_svgs/x1.svg",
      "intermediate_files/02_iteration/critique_pngs/x1.png",
      "intermediate_files/02_iteration/refined_svgs/x1.svg",
      "intermediate_files/03_iteration/critique_pngs/x1.png",
      "intermediate_files/03_iteration/refined_svgs/x1.svg",
    ]);
    // Iteration NN: the critic saw round NN's PNG, the refinement became round NN+1.
    const bytesOf = (dataUrl: string | null) => Buffer.from(dataUrl!.split(",")[1], "base64");
    expect(Buffer.from(text(files, "intermediate_files/02_iteration/critique_pngs/x1.png") as Uint8Array)).toEqual(bytesOf(rounds[1].png));
    expect(bytesOf(rounds[1].png)).not.toEqual(bytesOf(rounds[2].png));
    expect(text(files, "intermediate_files/02_iteration/refined_svgs/x1.svg")).toBe(rounds[2].svg);
    expect(text(files, "intermediate_files/00_initial_drafts/x1.svg")).toBe(rounds[0].svg);
    // The final files are the best round's (round 2 at 9), not the last one's.
    expect(text(files, "final_svgs/x1.svg")).toBe(rounds[1].svg);
    expect(Buffer.from(text(files, "final_pngs/x1.png") as Uint8Array)).toEqual(bytesOf(rounds[1].png));
    expect(JSON.parse(text(files, "final_svgs/x1.json") as string)).toEqual({ ...critiqueOf(2, 9), round: 2 });
  });

  it("writes the final critique as json.dump(…, indent=4) does", () => {
    const files = referenceLayoutFiles("a", [makeRound(1, { critique: { score: 9.5, critique: "Très bien — «ok»", suggestions: "1. None." } })]);
    expect(text(files, "final_svgs/a.json")).toBe(
      '{\n    "score": 9.5,\n    "critique": "Tr\\u00e8s bien \\u2014 \\u00abok\\u00bb",\n    "suggestions": "1. None.",\n    "round": 1\n}',
    );
    expect(pythonJson({ e: "😀" })).toBe('{\n    "e": "\\ud83d\\ude00"\n}');
  });

  it("a paper-mode item that reached the threshold after one refinement has one iteration", () => {
    const rounds = [makeRound(1, { critique: critiqueOf(1, 6) }), makeRound(2, { critique: critiqueOf(2, 9.7) })];
    expect(paths(referenceLayoutFiles("k", rounds))).toEqual([
      "final_pngs/k.png",
      "final_svgs/k.json",
      "final_svgs/k.svg",
      "intermediate_files/00_initial_drafts/k.svg",
      "intermediate_files/01_iteration/critique_pngs/k.png",
      "intermediate_files/01_iteration/refined_svgs/k.svg",
    ]);
  });

  it("a failed item keeps what it made and writes no broken SVG", () => {
    const truncated = [
      makeRound(1, { phase: "failed", truncated: "length", png: null, critique: null, error: { step: "generate", code: "truncated", message: "cut" } }),
    ];
    expect(paths(referenceLayoutFiles("t", truncated))).toEqual([]);
    const refineCut = [makeRound(1, { critique: critiqueOf(1, 4) }), makeRound(2, { phase: "failed", truncated: "length", png: null, critique: null })];
    expect(paths(referenceLayoutFiles("r", refineCut))).toEqual([
      "final_pngs/r.png",
      "final_svgs/r.json",
      "final_svgs/r.svg",
      "intermediate_files/00_initial_drafts/r.svg",
      "intermediate_files/01_iteration/critique_pngs/r.png",
    ]);
    expect(referenceLayoutFiles("none", [])).toEqual([]);
  });

  it("a single pass (a profile with no critic) makes its finished round the final one, unscored", () => {
    const files = referenceLayoutFiles("s", [makeRound(1, { critique: null, critiqueText: "" })]);
    expect(paths(files)).toEqual(["final_pngs/s.png", "final_svgs/s.json", "final_svgs/s.svg", "intermediate_files/00_initial_drafts/s.svg"]);
    expect(JSON.parse(text(files, "final_svgs/s.json") as string)).toEqual({ score: null, critique: "", suggestions: "", round: 1 });
  });
});
