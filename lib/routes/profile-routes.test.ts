/** The step routes check the profile before any upstream call: unknown, or a critique it has no critic for, is a 400. */
import { afterEach, describe, expect, it } from "vitest";
import { critiqueRoute, generateRoute, refineRoute } from "./step-routes";
import { dataUrl, solidPng } from "../../test/support/png";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const post = (body: unknown) =>
  new Request("http://studio.local/api/step", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("step routes and profiles", () => {
  it("an unknown profile is a 400 that names it and the profiles there are", async () => {
    const response = await generateRoute(post({ prompt: "a kite", profile: "nope" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "bad_request", message: 'No profile "nope"; the studio has "intro-svg", "internsvg-8b", "chat".' },
    });
  });

  it("a critique for a profile without a critic is a 400 (InternSVG-8B alone on one server)", async () => {
    process.env.INFERENCE_BASE_URL = "http://127.0.0.1:9/v1";
    const response = await critiqueRoute(post({ prompt: "a kite", png: dataUrl(solidPng(2, 2)), profile: "internsvg-8b" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('profile: "InternSVG-8B" has no critic');
  });

  it("notes are checked: empty notes are refused", async () => {
    const response = await refineRoute(post({ prompt: "a kite", svg: "<svg/>", critique: "", suggestions: "", notes: "   " }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe("notes: notes must not be empty");
  });
});
