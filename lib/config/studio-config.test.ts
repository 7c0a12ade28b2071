import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "./config-error";
import { ENV_VARIABLES } from "./env-schema";
import { checkedSection, parseStudioConfig, studioConfig } from "./studio-config";

afterEach(() => vi.unstubAllEnvs());

describe("parseStudioConfig", () => {
  it("reads every variable with its default when unset", () => {
    const config = parseStudioConfig({});
    expect(config.problems).toEqual([]);
    expect(config.inference).toMatchObject({ baseURL: undefined, timeoutMs: 120_000, maxConcurrency: undefined, critic: {}, internsvg: {}, chat: {} });
    expect(config.engine).toEqual({ tokensPerSecond: undefined, timeLimitMs: undefined, host: "127.0.0.1", workerScript: undefined });
    expect(config.access).toEqual({ allowedHosts: [], accessToken: null, allowNoToken: false });
    expect(config.port).toBeUndefined();
  });

  it("parses numbers once, in one place (INFERENCE_MAX_CONCURRENCY, ENGINE_TOKENS_PER_SECOND, PORT)", () => {
    const config = parseStudioConfig({
      INFERENCE_MAX_CONCURRENCY: " 8 ",
      ENGINE_TOKENS_PER_SECOND: "0",
      ENGINE_TIME_LIMIT_MS: "2000",
      PORT: "4123",
      INTERNSVG_BASE_URL: "http://gpu2:23334/v1/",
    });
    expect(config.problems).toEqual([]);
    expect(config.inference.maxConcurrency).toBe(8);
    expect(config.engine.tokensPerSecond).toBe(0);
    expect(config.engine.timeLimitMs).toBe(2000);
    expect(config.port).toBe(4123);
    expect(config.inference.internsvg.baseURL).toBe("http://gpu2:23334/v1");
  });

  it("names each bad variable and what is wrong with it, and reads it as unset", () => {
    const config = parseStudioConfig({ INFERENCE_MAX_CONCURRENCY: "lots", ENGINE_TOKENS_PER_SECOND: "-5", PORT: "99999", CHAT_BASE_URL: "chat-box/v1" });
    expect(config.problems.map((p) => p.message)).toEqual([
      "Invalid setting INFERENCE_MAX_CONCURRENCY: must be a whole number of requests such as 32",
      "Invalid setting CHAT_BASE_URL: CHAT_BASE_URL must be a URL such as http://gpu-box:23333/v1",
      "Invalid setting ENGINE_TOKENS_PER_SECOND: must be a number of tokens per second such as 150 (0: as fast as possible)",
      "Invalid setting PORT: must be a port number such as 3000",
    ]);
    expect(config.inference.maxConcurrency).toBeUndefined();
    expect(config.engine.tokensPerSecond).toBeUndefined();
  });

  it("fails only the section that uses a bad variable", () => {
    const config = parseStudioConfig({ ENGINE_TIME_LIMIT_MS: "soon" });
    expect(() => checkedSection(config, "inference")).not.toThrow();
    expect(() => checkedSection(config, "engine")).toThrow(
      new ConfigError("Invalid setting ENGINE_TIME_LIMIT_MS: must be a number of milliseconds such as 15000"),
    );
  });

  it("reads a variable that a profiles file names, blank as unset", () => {
    const config = parseStudioConfig({ GPU2_API_KEY: " sk-2 ", BLANK: "  " });
    expect(config.variable("GPU2_API_KEY")).toBe("sk-2");
    expect(config.variable("BLANK")).toBeUndefined();
  });

  it("the schema covers the variables the README documents", () => {
    for (const v of [
      "INFERENCE_BASE_URL",
      "INFERENCE_CRITIC_BASE_URL",
      "INTERNSVG_MODEL",
      "CHAT_MODEL",
      "STUDIO_PROFILES_FILE",
      "INFERENCE_TOP_K",
      "INFERENCE_TIMEOUT_MS",
      "INFERENCE_MAX_CONCURRENCY",
      "ENGINE_TOKENS_PER_SECOND",
      "ENGINE_TIME_LIMIT_MS",
      "DATABASE_URL",
      "PORT",
      "STUDIO_ACCESS_TOKEN",
      "STUDIO_ALLOWED_HOSTS",
      "STUDIO_ALLOW_NO_TOKEN",
    ]) {
      expect(ENV_VARIABLES).toContain(v);
    }
  });
});

describe("studioConfig", () => {
  it("parses the process's environment once, and again only if it changes", () => {
    vi.stubEnv("INFERENCE_MODEL", "m1");
    const first = studioConfig();
    expect(studioConfig()).toBe(first);
    expect(first.inference.model).toBe("m1");
    vi.stubEnv("INFERENCE_MODEL", "m2");
    expect(studioConfig().inference.model).toBe("m2");
  });
});
