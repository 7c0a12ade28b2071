/**
 * Which model to call. INFERENCE_MODEL wins; otherwise the first id the server lists, as
 * lmdeploy answers 404 for any model it does not serve. Looked up once per base URL and kept
 * for a minute so a running loop does not ask before every step.
 */
import { upstreamOrigin, type InferenceConfig } from "./config";
import { StudioError } from "../http/errors";
import { upstreamMessage } from "./upstream-message";

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; ids: string[] }>();

export function authHeaders(config: InferenceConfig): Record<string, string> {
  return config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
}

export async function listModels(config: InferenceConfig, signal?: AbortSignal): Promise<string[]> {
  const hit = cache.get(config.baseURL);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.ids;
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(`${config.baseURL}/models`, {
      headers: authHeaders(config),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000),
    });
  } catch (e) {
    if ((e as Error).name === "AbortError" && signal?.aborted) throw e;
    throw new StudioError("upstream:unreachable", `Cannot reach the inference server at ${upstreamOrigin(config)}: ${causeOf(e)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    throw new StudioError(
      "upstream:http",
      `The inference server answered ${response.status} to GET /models: ${upstreamMessage(body) ?? (text.slice(0, 200) || response.statusText)}`,
      response.status,
    );
  }
  const data = (body as { data?: Array<{ id?: unknown }> } | undefined)?.data;
  const ids = Array.isArray(data) ? data.map((m) => m.id).filter((id): id is string => typeof id === "string") : [];
  cache.set(config.baseURL, { at: Date.now(), ids });
  return ids;
}

export async function resolveModel(config: InferenceConfig, role: "generator" | "critic", signal?: AbortSignal): Promise<string> {
  const wanted = role === "critic" ? (config.criticModel ?? config.model) : config.model;
  if (wanted) return wanted;
  const ids = await listModels(config, signal);
  if (ids.length === 0) {
    throw new StudioError("upstream:no_model", "The inference server lists no models; set INFERENCE_MODEL.");
  }
  return ids[0];
}

export function causeOf(e: unknown): string {
  const err = e as { cause?: { code?: string; message?: string }; message?: string };
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** The model that steps will use, if known without asking the server (never blocks). */
export function knownModel(config: InferenceConfig): string | null {
  return config.model ?? cache.get(config.baseURL)?.ids[0] ?? null;
}

/** Only for tests: forget what was looked up. */
export function clearModelCache(): void {
  cache.clear();
}
