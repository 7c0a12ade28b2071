import { describe, expect, it } from "vitest";
import { BUILTIN_ENGINE_PATH, BUILTIN_MODEL_ID, ConfigError, describeEngine, readInferenceConfig, upstreamOrigin } from "./config";
import { listModels } from "./upstream-models";
import { toStepError } from "./run-step";
import { streamChatCompletion } from "./chat-completions";
import { SAMPLING } from "../introsvg/sampling";

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    readInferenceConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe("readInferenceConfig", () => {
  it("uses the built-in engine over loopback when INFERENCE_BASE_URL is unset or blank", () => {
    const expected = { engine: "builtin", baseURL: "http://127.0.0.1:3000/engine/v1", timeoutMs: 120_000 };
    expect(readInferenceConfig({})).toEqual(expect.objectContaining(expected));
    expect(readInferenceConfig({ INFERENCE_BASE_URL: "   " })).toEqual(expect.objectContaining(expected));
    expect(readInferenceConfig({ PORT: "4123" }).baseURL).toBe(`http://127.0.0.1:4123${BUILTIN_ENGINE_PATH}`);
    const builtin = readInferenceConfig({});
    expect([builtin.apiKey, builtin.model, builtin.criticModel, builtin.topK]).toEqual([undefined, undefined, undefined, undefined]);
    expect(BUILTIN_MODEL_ID).toBe("introsvg-builtin");
  });

  it("uses a remote server when INFERENCE_BASE_URL is set, with trailing slashes stripped", () => {
    expect(readInferenceConfig({ INFERENCE_BASE_URL: "http://gpu-box:23333/v1/" })).toMatchObject({ engine: "remote", baseURL: "http://gpu-box:23333/v1" });
    expect(readInferenceConfig({ INFERENCE_BASE_URL: " https://api.example.com/v1/// " }).baseURL).toBe("https://api.example.com/v1");
    expect(readInferenceConfig({ INFERENCE_BASE_URL: "http://10.0.0.2:8000/v1" }).baseURL).toBe("http://10.0.0.2:8000/v1");
  });

  it("reads the key, the models, top_k and the timeout, trimming blanks away", () => {
    expect(
      readInferenceConfig({
        INFERENCE_BASE_URL: "http://gpu:23333/v1",
        INFERENCE_API_KEY: " sk-123 ",
        INFERENCE_MODEL: "IntroSVG-7B",
        INFERENCE_CRITIC_MODEL: "",
        INFERENCE_TOP_K: "40",
        INFERENCE_TIMEOUT_MS: "5000",
      }),
    ).toEqual({
      engine: "remote",
      baseURL: "http://gpu:23333/v1",
      apiKey: "sk-123",
      model: "IntroSVG-7B",
      criticModel: undefined,
      topK: 40,
      timeoutMs: 5000,
      profiles: expect.objectContaining({ defaultProfileId: "intro-svg" }),
    });
  });

  it.each(["not a url", "http//gpu:23333/v1", "gpu-box:23333/v1", "localhost:23333/v1", "ftp://gpu/v1"])(
    "rejects INFERENCE_BASE_URL=%j with a ConfigError naming the variable",
    (url) => {
      const error = configError({ INFERENCE_BASE_URL: url });
      expect(error.message).toContain("INFERENCE_BASE_URL");
      expect(error.message).toContain("http://gpu-box:23333/v1");
    },
  );

  it.each(["abc", "0", "-1", "4.5", "40k"])("rejects INFERENCE_TOP_K=%j with a ConfigError naming the variable", (value) => {
    const error = configError({ INFERENCE_TOP_K: value });
    expect(error.message).toMatch(/^Invalid setting INFERENCE_TOP_K: must be a whole number/);
  });

  it("refuses a URL with user info, without echoing it", () => {
    for (const url of ["http://admin:hunter2@gpu-box:23333/v1", "https://sk-live-secret@api.example.com/v1", "http://:hunter2@gpu/v1"]) {
      const error = configError({ INFERENCE_BASE_URL: url });
      expect(error.message).toBe(
        "Invalid setting INFERENCE_BASE_URL: INFERENCE_BASE_URL must not contain a user name or password (user:password@); put an API key in INFERENCE_API_KEY",
      );
      expect(error.message).not.toMatch(/hunter2|sk-live|admin/);
    }
  });

  it("sends the studio's access token to its own engine, never to a remote server", () => {
    expect(readInferenceConfig({ STUDIO_ACCESS_TOKEN: "let-me-in" }).apiKey).toBe("let-me-in");
    expect(readInferenceConfig({ STUDIO_ACCESS_TOKEN: "let-me-in", INFERENCE_BASE_URL: "http://gpu:23333/v1" }).apiKey).toBeUndefined();
  });

  it("rejects a bad INFERENCE_TIMEOUT_MS with the variable named", () => {
    expect(configError({ INFERENCE_TIMEOUT_MS: "2m" }).message).toMatch(/INFERENCE_TIMEOUT_MS.*milliseconds/);
  });
});

describe("describeEngine", () => {
  it("names the built-in engine and a remote host without the key", () => {
    expect(describeEngine(readInferenceConfig({})).kind).toBe("builtin");
    const remote = describeEngine(readInferenceConfig({ INFERENCE_BASE_URL: "http://gpu-box:23333/v1", INFERENCE_API_KEY: "sk-secret" }));
    expect(remote).toEqual({ kind: "remote", label: "GPU server at gpu-box:23333", host: "gpu-box:23333" });
    expect(JSON.stringify(remote)).not.toContain("sk-secret");
  });
});

describe("upstream in messages", () => {
  it("shows scheme, host and port only", async () => {
    const config = readInferenceConfig({ INFERENCE_BASE_URL: "http://127.0.0.1:9/v1/secret-path?key=abc" });
    expect(upstreamOrigin(config)).toBe("http://127.0.0.1:9");
    const models = await listModels(config).catch((e: Error) => e.message);
    expect(models).toMatch(/^Cannot reach the inference server at http:\/\/127\.0\.0\.1:9: /);
    expect(models).not.toMatch(/secret-path|key=abc/);
    const unreachable = await streamChatCompletion(
      config,
      { model: "m", content: "hi", sampling: SAMPLING.generator },
      () => undefined,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    const error = toStepError(unreachable, config);
    expect(error).toMatchObject({ code: "upstream:unreachable", transient: true });
    expect(error.message).toMatch(/^Cannot reach the inference server at http:\/\/127\.0\.0\.1:9 \(.+\)\.$/);
    expect(error.message).not.toMatch(/secret-path|key=abc/);
  });
});
