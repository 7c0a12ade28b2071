/**
 * The built-in engine reached without a server: a `fetch` that hands each request straight to
 * the engine's Web Request → Response handler. Node drivers (the CLI, batch jobs, tests) use it
 * so a loop runs on the engine with no Next server; the studio itself calls the engine over
 * loopback HTTP, so the built-in and a real upstream share one path there.
 */
import type { EngineOptions } from "../engine/server/engine-handler";
import type { InferenceConfig } from "./config";

/** A base URL that can never resolve, so a request that escapes this fetch fails loudly. */
export const IN_PROCESS_ENGINE_URL = "http://builtin-engine.invalid/v1";

export function createInProcessEngineFetch(options: EngineOptions = {}): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    // Loaded on the first request: the engine brings the renderer (jsdom, resvg), ~0.6 s to
    // load, which a CLI pointed at a real server never needs (its start is benchmarked).
    const { handleEngineRequest } = await import("../engine/server/engine-handler");
    const { pathname } = new URL(request.url);
    return handleEngineRequest(request, pathname.replace(/^\/v1/, ""), options);
  };
}

/**
 * The config a Node driver runs with: remote servers unchanged, every server that is the
 * built-in engine (the default one, or a profile's) reached in-process.
 */
export function withInProcessEngine(config: InferenceConfig, options: EngineOptions = {}): InferenceConfig {
  const servers = config.profiles?.servers ?? {};
  if (config.engine !== "builtin" && !Object.values(servers).some((s) => s.engine === "builtin")) return config;
  const fetch = createInProcessEngineFetch(options);
  const inProcess = <S extends { engine: string }>(server: S): S =>
    server.engine === "builtin" ? { ...server, baseURL: IN_PROCESS_ENGINE_URL, fetch } : server;
  return {
    ...inProcess(config),
    ...(config.profiles
      ? { profiles: { ...config.profiles, servers: Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, inProcess(s)])) } }
      : {}),
  };
}
