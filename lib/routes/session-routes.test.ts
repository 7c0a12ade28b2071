/**
 * Creating a session runs the one run-resolving rule (lib/profiles/resolve-run.ts): an unknown
 * profile is a 400 naming it, the single-pass rule is the server's, and the session records each
 * role's model and server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRoute } from "../http/json-request";
import { createSessionRoute, getSessionRoute } from "./session-routes";

let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "session-routes-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "studio.db")}`;
  delete process.env.INFERENCE_BASE_URL;
});
afterAll(async () => {
  process.env = saved;
  await rm(dir, { recursive: true, force: true });
});

const SETTINGS = { mode: "paper", maxRefinements: 3, threshold: 9.5 } as const;
const post = (body: unknown) =>
  handleRoute(() =>
    createSessionRoute(
      new Request("http://studio/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    ),
  );

async function created(body: unknown) {
  const response = await post(body);
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return (await getSessionRoute(id)).json();
}

describe("POST /api/sessions", () => {
  it("refuses an unknown profile, naming it and the profiles there are", async () => {
    const response = await post({ prompt: "a kite", settings: { ...SETTINGS, profile: "gpt-9" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('No profile "gpt-9"; the studio has "intro-svg", "internsvg-8b", "chat".');
  });

  it("stores the settings the server decides: the profile named, singlePass only without a critic", async () => {
    const judged = await created({ prompt: "a kite", settings: { ...SETTINGS, singlePass: true } });
    expect(judged.settings).toEqual({ ...SETTINGS, profile: "intro-svg" });
    expect(judged.run).toEqual({ generator: { model: "introsvg-builtin", server: "builtin" }, critic: { model: "introsvg-builtin", server: "builtin" } });
    expect(judged).toMatchObject({ engine: "builtin", model: "introsvg-builtin", profile: "intro-svg" });
  });

  it("a profile without a critic is a single pass, whatever the client sent", async () => {
    process.env.INFERENCE_BASE_URL = "http://127.0.0.1:9/v1";
    process.env.INFERENCE_MODEL = "IntroSVG-7B";
    try {
      const solo = await created({ prompt: "a kite", settings: { ...SETTINGS, profile: "internsvg-8b" } });
      expect(solo.settings).toEqual({ ...SETTINGS, profile: "internsvg-8b", singlePass: true });
      expect(solo.run).toEqual({ generator: { model: "InternSVG", server: "http://127.0.0.1:9" }, critic: null });
      expect(solo).toMatchObject({ engine: "remote", model: "InternSVG" });
    } finally {
      delete process.env.INFERENCE_BASE_URL;
      delete process.env.INFERENCE_MODEL;
    }
  });
});
