import { describe, expect, it } from "vitest";
import { GENERATOR_TEMPLATE, REFINER_TEMPLATE } from "../introsvg/prompts";
import { SAMPLING } from "../introsvg/sampling";
import { BUILTIN_MODELS, INTERNSVG_MODEL_NAME } from "./builtin-profiles";
import { parseStudioConfig } from "../config/studio-config";
import { ConfigError, findProfile, ProfilesFileError, readProfileSetup, type ServerConnection } from "./profile-setup";

const BUILTIN: ServerConnection = { engine: "builtin", baseURL: "http://127.0.0.1:3000/engine/v1", timeoutMs: 120_000 };
const REMOTE: ServerConnection = { engine: "remote", baseURL: "http://gpu:23333/v1", timeoutMs: 5_000, topK: 40 };

function setup(env: Record<string, string>, defaultServer = REMOTE, files: Record<string, unknown> = {}) {
  return readProfileSetup({
    config: parseStudioConfig(env),
    defaultServer,
    builtinBaseURL: BUILTIN.baseURL,
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      const content = files[path];
      return typeof content === "string" ? content : JSON.stringify(content);
    },
  });
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error("no error");
}

const FILE_PROFILE = {
  id: "qwen-72b",
  label: "Qwen2.5-VL-72B",
  generator: {
    server: "gpu2",
    model: "Qwen2.5-VL-72B-Instruct",
    draftTemplate: "Draw an SVG icon: {origin_prompt}",
    refineTemplate: "Improve this SVG: {current_svg_content}\nChanges:\n{suggestions}",
    sampling: { draft: { temperature: 0.7, maxTokens: 3000 }, refine: { temperature: 0.3, maxTokens: 3000 } },
  },
  critic: { server: "default", sampling: { critique: { temperature: 0.1, maxTokens: 2048 }, final: { temperature: 0, maxTokens: 2048 } } },
};

describe("profiles from the environment", () => {
  it("has the three built-ins, IntroSVG first and default, with IntroSVG's own templates and sampling", () => {
    const s = setup({});
    expect(s.profiles.map((p) => [p.id, p.label])).toEqual([
      ["intro-svg", "IntroSVG"],
      ["internsvg-8b", "InternSVG-8B"],
      ["chat", "Chat model"],
    ]);
    expect(s.defaultProfileId).toBe("intro-svg");
    const intro = findProfile(s, undefined);
    expect(intro.generator).toMatchObject({ server: "default", draftTemplate: GENERATOR_TEMPLATE, refineTemplate: REFINER_TEMPLATE });
    expect(intro.generator.sampling.draft).toEqual({ temperature: SAMPLING.generator.temperature, topP: 1, maxTokens: SAMPLING.generator.maxTokens });
    expect(intro.critic).toMatchObject({
      server: "default",
      template: "introsvg",
      scoreParser: "introsvg-json",
      sampling: { critique: { temperature: 0.1, maxTokens: 2048 }, final: { temperature: 0, maxTokens: 2048 } },
    });
    expect(Object.keys(s.servers)).toEqual(["default"]);
  });

  it("on the built-in engine every built-in runs, each with its own model id and the IntroSVG critic", () => {
    const s = setup({}, BUILTIN);
    expect(findProfile(s, "intro-svg").generator.model).toBeUndefined();
    expect(findProfile(s, "internsvg-8b").generator.model).toBe(BUILTIN_MODELS.internsvg);
    expect(findProfile(s, "chat").generator.model).toBe(BUILTIN_MODELS.chat);
    for (const id of ["internsvg-8b", "chat"]) expect(findProfile(s, id).critic).toMatchObject({ server: "default", template: "introsvg" });
    expect(findProfile(s, "internsvg-8b").generator.sampling).toEqual({
      draft: { temperature: 0, maxTokens: 4000 },
      refine: { temperature: 0, maxTokens: 4000 },
    });
  });

  it("one remote server: InternSVG-8B is a single pass, the chat model judges itself", () => {
    const s = setup({ CHAT_MODEL: "gpt-4o" });
    expect(findProfile(s, "internsvg-8b").critic).toBeNull();
    expect(findProfile(s, "internsvg-8b").generator.model).toBe(INTERNSVG_MODEL_NAME);
    expect(findProfile(s, "chat").critic).toMatchObject({ server: "default", model: "gpt-4o", template: "introsvg" });
  });

  it("INFERENCE_CRITIC_BASE_URL puts the IntroSVG critic on its own server, for every profile", () => {
    const s = setup({
      INFERENCE_MODEL: "IntroSVG",
      INFERENCE_CRITIC_BASE_URL: "http://critic:8000/v1/",
      INFERENCE_CRITIC_API_KEY: "sk-c",
      CHAT_BASE_URL: "https://api.example.com/v1",
      CHAT_MODEL: "gpt-4o",
    });
    expect(s.servers.critic).toEqual({ engine: "remote", baseURL: "http://critic:8000/v1", apiKey: "sk-c", topK: 40, timeoutMs: 5_000 });
    for (const id of ["intro-svg", "internsvg-8b", "chat"]) expect(findProfile(s, id).critic?.server).toBe("critic");
    // On a server of its own the critic is the first model it lists, unless INFERENCE_CRITIC_MODEL names one.
    expect(findProfile(s, "intro-svg").critic?.model).toBeUndefined();
    expect(findProfile(setup({ INFERENCE_CRITIC_BASE_URL: "http://critic:8000/v1", INFERENCE_CRITIC_MODEL: "IntroSVG" }), "chat").critic?.model).toBe(
      "IntroSVG",
    );
    expect(findProfile(s, "chat").generator).toMatchObject({ server: "chat", model: "gpt-4o" });
  });

  it("as before, the critic is INFERENCE_CRITIC_MODEL, else INFERENCE_MODEL, on the one server", () => {
    expect(findProfile(setup({ INFERENCE_MODEL: "m" }), "intro-svg").critic?.model).toBe("m");
    expect(findProfile(setup({ INFERENCE_MODEL: "m", INFERENCE_CRITIC_MODEL: "c" }), "intro-svg").critic?.model).toBe("c");
  });

  it("rejects a server URL without its scheme, naming the variable", () => {
    expect(errorOf(() => setup({ INFERENCE_CRITIC_BASE_URL: "critic:8000/v1" })).message).toBe(
      "Invalid setting INFERENCE_CRITIC_BASE_URL: INFERENCE_CRITIC_BASE_URL must be a URL such as http://gpu-box:23333/v1",
    );
  });
});

describe("server URLs never carry credentials", () => {
  it("refuses user info in every server variable, without echoing it", () => {
    for (const [variable, key] of [
      ["INFERENCE_CRITIC_BASE_URL", "INFERENCE_CRITIC_API_KEY"],
      ["INTERNSVG_BASE_URL", "INTERNSVG_API_KEY"],
      ["CHAT_BASE_URL", "CHAT_API_KEY"],
    ]) {
      const error = errorOf(() => setup({ [variable]: "https://admin:hunter2@gpu-box:23333/v1" }));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        `Invalid setting ${variable}: ${variable} must not contain a user name or password (user:password@); put an API key in ${key}`,
      );
    }
  });

  it("refuses user info in a profiles file's server, naming the field; the file's built-in servers get the studio's token", () => {
    const bad = errorOf(() =>
      setup({ STUDIO_PROFILES_FILE: "/p.json" }, REMOTE, { "/p.json": { servers: [{ name: "gpu2", baseURL: "http://u:hunter2@gpu2:8000/v1" }] } }),
    );
    expect(bad).toBeInstanceOf(ProfilesFileError);
    expect(bad.message).toMatch(/^STUDIO_PROFILES_FILE \(\/p\.json\): servers\[0\]\.baseURL: a server URL must not contain a user name or password/);
    expect(bad.message).not.toContain("hunter2");
    const local = setup({ STUDIO_PROFILES_FILE: "/p.json", STUDIO_ACCESS_TOKEN: "tok" }, REMOTE, {
      "/p.json": { servers: [{ name: "local", baseURL: "builtin" }] },
    });
    expect(local.servers.local).toMatchObject({ engine: "builtin", apiKey: "tok" });
  });
});

describe("a profiles file (STUDIO_PROFILES_FILE)", () => {
  const env = { STUDIO_PROFILES_FILE: "/etc/studio/profiles.json", GPU2_KEY: "sk-gpu2" };

  it("adds servers and profiles, replaces a built-in of the same id, and sets the default", () => {
    const internEdited = { ...FILE_PROFILE, id: "internsvg-8b", label: "InternSVG (mine)", generator: { ...FILE_PROFILE.generator, server: "default" } };
    const s = setup(env, REMOTE, {
      "/etc/studio/profiles.json": {
        servers: [
          { name: "gpu2", baseURL: "http://gpu2:23333/v1/", apiKeyEnv: "GPU2_KEY", topK: 20 },
          { name: "local", baseURL: "builtin" },
        ],
        profiles: [FILE_PROFILE, internEdited],
        defaultProfile: "qwen-72b",
      },
    });
    expect(s.servers.gpu2).toEqual({ engine: "remote", baseURL: "http://gpu2:23333/v1", apiKey: "sk-gpu2", topK: 20, timeoutMs: 5_000 });
    expect(s.servers.local).toEqual({ engine: "builtin", baseURL: BUILTIN.baseURL, timeoutMs: 5_000 });
    expect(s.profiles.map((p) => p.label)).toEqual(["IntroSVG", "InternSVG (mine)", "Chat model", "Qwen2.5-VL-72B"]);
    expect(s.defaultProfileId).toBe("qwen-72b");
    expect(findProfile(s, "qwen-72b").generator.extraction).toBe("svg");
    expect(s.file).toBe("/etc/studio/profiles.json");
  });

  const bad: [string, unknown, string][] = [
    ["a server no one defined", { servers: [], profiles: [FILE_PROFILE] }, 'profiles[0].generator.server: no server named "gpu2"'],
    [
      "a critic on a server no one defined",
      { servers: [{ name: "gpu2", baseURL: "http://gpu2/v1" }], profiles: [{ ...FILE_PROFILE, critic: { ...FILE_PROFILE.critic, server: "gpu3" } }] },
      'profiles[0].critic.server: no server named "gpu3"',
    ],
    [
      "a URL without its scheme",
      { servers: [{ name: "gpu2", baseURL: "gpu2:23333/v1" }] },
      'servers[0].baseURL: must be "builtin" or a URL such as http://gpu-box:23333/v1',
    ],
    [
      "a template without its field",
      {
        servers: [{ name: "gpu2", baseURL: "http://gpu2/v1" }],
        profiles: [{ ...FILE_PROFILE, generator: { ...FILE_PROFILE.generator, draftTemplate: "Draw an icon" } }],
      },
      "profiles[0].generator.draftTemplate: must contain {origin_prompt}",
    ],
    [
      "a temperature out of range",
      {
        servers: [{ name: "gpu2", baseURL: "http://gpu2/v1" }],
        profiles: [
          {
            ...FILE_PROFILE,
            generator: { ...FILE_PROFILE.generator, sampling: { draft: { temperature: 3, maxTokens: 10 }, refine: { temperature: 0, maxTokens: 10 } } },
          },
        ],
      },
      "profiles[0].generator.sampling.draft.temperature: must be between 0 and 2",
    ],
    [
      "an unknown critic template",
      { servers: [{ name: "gpu2", baseURL: "http://gpu2/v1" }], profiles: [{ ...FILE_PROFILE, critic: { ...FILE_PROFILE.critic, template: "mine" } }] },
      `profiles[0].critic.template: must be "introsvg" (IntroSVG's critic prompt)`,
    ],
    ["a misspelt field", { servers: [], profile: [] }, 'unknown field "profile"'],
    [
      "a key variable that is not set",
      { servers: [{ name: "gpu2", baseURL: "http://gpu2/v1", apiKeyEnv: "NOT_SET_KEY" }] },
      "servers[0].apiKeyEnv: the environment variable NOT_SET_KEY is not set",
    ],
    [
      "a second server of one name",
      {
        servers: [
          { name: "a", baseURL: "http://a/v1" },
          { name: "a", baseURL: "http://b/v1" },
        ],
      },
      'servers[1].name: a second server named "a"',
    ],
    ["redefining the default server", { servers: [{ name: "default", baseURL: "http://a/v1" }] }, 'servers[0].name: "default" is INFERENCE_BASE_URL'],
    ["a default profile that does not exist", { defaultProfile: "gone" }, 'defaultProfile: no profile with id "gone"'],
    ["not JSON", "{ servers: [", "not valid JSON"],
  ];

  it.each(bad)("stops with a message naming the field: %s", (_what, content, message) => {
    const error = errorOf(() => setup(env, REMOTE, { "/etc/studio/profiles.json": content }));
    expect(error).toBeInstanceOf(ProfilesFileError);
    expect(error.message).toContain("STUDIO_PROFILES_FILE (/etc/studio/profiles.json): ");
    expect(error.message).toContain(message);
  });

  it("a file that cannot be read says so", () => {
    const error = errorOf(() => setup({ STUDIO_PROFILES_FILE: "/nowhere.json" }));
    expect(error).toBeInstanceOf(ProfilesFileError);
    expect(error.message).toBe("STUDIO_PROFILES_FILE (/nowhere.json): cannot read the file (ENOENT)");
  });

  it("an unknown profile id is a ConfigError that lists the profiles there are", () => {
    const error = errorOf(() => findProfile(setup({}), "gpt"));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('No profile "gpt"; the studio has "intro-svg", "internsvg-8b", "chat".');
  });
});
