import { describe, expect, it } from "vitest";
import { makeRound, stateWithScores } from "../../test/support/loop-builders";
import { formatScoreChange, isRoundStreaming, missingCriticImageReason, roundPicture, scoreChange, stepRoundId } from "./round-compare";

const streamingRound = (modelText: string) => makeRound(2, { phase: "generating", modelText, svg: null, png: null, critique: null, generation: null });

describe("isRoundStreaming", () => {
  it("is the running loop's last round while it generates, and no other", () => {
    const base = stateWithScores([5]);
    const live = streamingRound("<svg");
    expect(isRoundStreaming({ ...base, rounds: [...base.rounds, live] }, live)).toBe(true);
    expect(isRoundStreaming({ ...base, status: "paused", rounds: [...base.rounds, live] }, live)).toBe(false);
    expect(isRoundStreaming(base, base.rounds[0])).toBe(false);
    const rendering = { ...live, phase: "rendering" as const };
    expect(isRoundStreaming({ ...base, rounds: [...base.rounds, rendering] }, rendering)).toBe(false);
  });
});

describe("roundPicture", () => {
  it("shows a finished SVG as it is, and a truncated one as partial with a note", () => {
    const done = makeRound(1);
    expect(roundPicture(done, false)).toEqual({ source: done.svg, partial: false, note: null });
    const cut = makeRound(1, { svg: "<svg><g>", truncated: "length", phase: "failed" });
    expect(roundPicture(cut, false)).toMatchObject({ source: "<svg><g>", partial: true, note: expect.stringMatching(/Truncated \(token limit\)/) });
  });

  it("shows what has arrived while streaming, or says that nothing has", () => {
    expect(roundPicture(streamingRound('Sure: <svg viewBox="0 0 1 1"><rect'), true)).toMatchObject({
      source: 'Sure: <svg viewBox="0 0 1 1"><rect',
      partial: true,
      note: expect.stringMatching(/^Streaming/),
    });
    expect(roundPicture(streamingRound(""), true)).toEqual({ source: null, reason: "Streaming: waiting for the model's first tokens." });
    expect(roundPicture(streamingRound("Let me think"), true)).toEqual({ source: null, reason: "Streaming: no <svg> has arrived yet." });
  });

  it("says why a round that is not streaming has no SVG", () => {
    const stopped = (modelText: string) => makeRound(2, { phase: "stopped", stoppedStep: "generate", modelText, svg: null, critique: null });
    expect(roundPicture(stopped(""), false)).toEqual({ source: null, reason: "Stopped before any SVG arrived." });
    expect(roundPicture(stopped("<svg><rect"), false)).toMatchObject({ partial: true, note: expect.stringMatching(/^Stopped mid-stream/) });
    const failed = makeRound(2, {
      phase: "failed",
      svg: null,
      modelText: "I cannot draw that.",
      error: { step: "generate", code: "no_svg", message: "The output contains no <svg> element." },
    });
    expect(roundPicture(failed, false)).toEqual({ source: null, reason: "No SVG: The output contains no <svg> element." });
  });
});

describe("missingCriticImageReason", () => {
  it("is null with a PNG and says why without one", () => {
    expect(missingCriticImageReason(makeRound(1), false)).toBeNull();
    expect(missingCriticImageReason(streamingRound("<svg"), true)).toBe("Round 2 is still streaming: the critic has not seen it yet.");
    expect(missingCriticImageReason(makeRound(3, { phase: "rendering", png: null }), false)).toBe("Round 3 is being rendered for the critic.");
    expect(
      missingCriticImageReason(makeRound(3, { phase: "failed", png: null, error: { step: "render", code: "render_failed", message: "bad" } }), false),
    ).toBe("Round 3 could not be rendered: bad");
    expect(missingCriticImageReason(makeRound(3, { phase: "failed", png: null, svg: null }), false)).toBe("Round 3 has no SVG, so the critic saw no image.");
  });
});

describe("score change", () => {
  it("is right minus left, null when either has no critique", () => {
    const [a, b] = stateWithScores([6.6, 8.1]).rounds;
    expect(scoreChange(a, b)).toBeCloseTo(1.5);
    expect(scoreChange(b, a)).toBeCloseTo(-1.5);
    expect(scoreChange(a, { ...b, critique: null })).toBeNull();
  });

  it("is written with its sign and one decimal", () => {
    expect(formatScoreChange(1.5)).toBe("+1.5");
    expect(formatScoreChange(8.1 - 6.6)).toBe("+1.5");
    expect(formatScoreChange(-0.34)).toBe("\u22120.3");
    expect(formatScoreChange(0.04)).toBe("±0.0");
  });
});

describe("stepRoundId", () => {
  const rounds = [{ id: "round-1" }, { id: "round-2" }, { id: "round-3" }];
  it("moves by the step and holds at the ends", () => {
    expect(stepRoundId(rounds, "round-2", 1)).toBe("round-3");
    expect(stepRoundId(rounds, "round-3", 1)).toBe("round-3");
    expect(stepRoundId(rounds, "round-1", -1)).toBe("round-1");
    expect(stepRoundId(rounds, "round-9", 1)).toBe("round-9");
  });
});
