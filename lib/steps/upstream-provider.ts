/**
 * The AI SDK chat model for whatever OpenAI-compatible server the config names. Built from
 * the chat model class rather than `createOpenAICompatible` because only the class accepts an
 * error structure, and lmdeploy's HTTP errors need one.
 */
import { OpenAICompatibleChatLanguageModel } from "@ai-sdk/openai-compatible";
import { z } from "zod";
import type { InferenceConfig } from "./config";
import { createDialectFetch } from "./dialect-fetch";
import { upstreamMessage } from "./upstream-message";
import { authHeaders } from "./upstream-models";

// lmdeploy answers HTTP errors with a FLAT body; OpenAI and vLLM nest it under "error".
const code = z.union([z.string(), z.number()]).nullish();
const nestedError = z.object({ error: z.object({ message: z.string(), type: z.string().nullish(), code }) });
const flatError = z.object({ message: z.string(), type: z.string().nullish(), code });
const errorSchema = z.union([nestedError, flatError]);

export function createUpstreamModel(config: InferenceConfig, modelId: string): OpenAICompatibleChatLanguageModel {
  return new OpenAICompatibleChatLanguageModel(modelId, {
    provider: "upstream.chat",
    url: ({ path }) => `${config.baseURL}${path}`,
    headers: () => authHeaders(config),
    fetch: createDialectFetch(config.fetch),
    includeUsage: true,
    errorStructure: {
      errorSchema,
      errorToMessage: (data: z.infer<typeof errorSchema>) => upstreamMessage(data) ?? "The inference server reported an error.",
    },
    transformRequestBody: (body) => (config.topK === undefined ? body : { ...body, top_k: config.topK }),
  });
}
