import { describe, expect, it } from "vitest";
import { parseStudioConfig } from "../config/studio-config";
import type { ServerConnection } from "../config/connection";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { readProfileSetup } from "./profile-setup";
import { resolveRun, UnknownProfileError } from "./resolve-run";

const BUILTIN: ServerConnection = { engine: "builtin", baseURL: "http://127.0.0.1:3000/engine/v1", timeoutMs: 120_000 };
const REMOTE: ServerConnection = { engine: "remote", baseURL: "http://gpu:23333/v1", apiKey: "sk-default", timeoutMs: 5_000 };

const setupOf = (env: Record<string, string>, defaultServer = REMOTE) =>
  readProfileSetup({ config: parseStudioConfig(env), defaultServer, builtinBaseURL: BUILTIN.baseURL });

describe("resolveRun", () => {
  it("refuses an unknown profile, naming it and the profiles there are", () => {
    const run = () => resolveRun(setupOf({}), { profile: "gpt", settings: DEFAULT_SETTINGS });
    expect(run).toThrow(UnknownProfileError);
    expect(run).toThrow('No profile "gpt"; the studio has "intro-svg", "internsvg-8b", "chat".');
    expect(() => resolveRun(setupOf({}), { settings: { ...DEFAULT_SETTINGS, profile: "nope" } })).toThrow('No profile "nope"');
  });

  it("names the default profile when none is asked for", () => {
    const run = resolveRun(setupOf({}), { settings: DEFAULT_SETTINGS });
    expect(run.profile.id).toBe("intro-svg");
    expect(run.settings).toEqual({ ...DEFAULT_SETTINGS, profile: "intro-svg" });
  });

  it("runs a single pass exactly when the profile has no critic, whatever the client sent", () => {
    // InternSVG-8B on the one default server: no critic for it, a single pass.
    const solo = resolveRun(setupOf({}), { profile: "internsvg-8b", settings: DEFAULT_SETTINGS });
    expect(solo.critic).toBeNull();
    expect(solo.settings).toEqual({ ...DEFAULT_SETTINGS, profile: "internsvg-8b", singlePass: true });
    expect(solo.record.critic).toBeNull();
    // IntroSVG has its critic: a client's singlePass is dropped.
    const judged = resolveRun(setupOf({}), { settings: { ...DEFAULT_SETTINGS, singlePass: true } });
    expect(judged.settings.singlePass).toBeUndefined();
    expect(judged.critic).not.toBeNull();
  });

  it("a critic on its own server: each role's connection and record", () => {
    const setup = setupOf({
      INFERENCE_CRITIC_BASE_URL: "http://critic-box:9000/v1/",
      INFERENCE_CRITIC_API_KEY: "sk-critic",
      INFERENCE_CRITIC_MODEL: "IntroSVG-critic",
      INFERENCE_MODEL: "IntroSVG-7B",
    });
    const run = resolveRun(setup, { profile: "internsvg-8b", settings: DEFAULT_SETTINGS });
    expect(run.settings.singlePass).toBeUndefined();
    expect(run.generator).toMatchObject({ engine: "remote", baseURL: "http://gpu:23333/v1", apiKey: "sk-default", model: "InternSVG" });
    expect(run.critic).toMatchObject({ engine: "remote", baseURL: "http://critic-box:9000/v1", apiKey: "sk-critic", model: "IntroSVG-critic" });
    expect(run.record).toEqual({
      generator: { model: "InternSVG", server: "http://gpu:23333" },
      critic: { model: "IntroSVG-critic", server: "http://critic-box:9000" },
    });
    // Never a key in what is recorded.
    expect(JSON.stringify(run.record)).not.toMatch(/sk-/);
  });

  it("records the generator's own server and model (InternSVG on INTERNSVG_BASE_URL)", () => {
    const setup = setupOf({ INTERNSVG_BASE_URL: "http://intern-box:23334/v1" }, BUILTIN);
    const run = resolveRun(setup, { profile: "internsvg-8b", settings: DEFAULT_SETTINGS });
    expect(run.record).toEqual({
      generator: { model: "InternSVG", server: "http://intern-box:23334" },
      // The built-in engine judges it (it answers every style).
      critic: { model: "introsvg-builtin", server: "builtin" },
    });
  });

  it("an unnamed model is the server's first listed one, when known", () => {
    const listed = (s: ServerConnection) => (s.baseURL === REMOTE.baseURL ? "first-listed" : null);
    expect(resolveRun(setupOf({}), {}, listed).record.generator).toEqual({ model: "first-listed", server: "http://gpu:23333" });
    expect(resolveRun(setupOf({}), {}).record.generator).toEqual({ model: null, server: "http://gpu:23333" });
    expect(resolveRun(setupOf({}, BUILTIN), {}).record.generator).toEqual({ model: "introsvg-builtin", server: "builtin" });
  });
});
