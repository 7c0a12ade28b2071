/**
 * The OpenAI-compatible wire format as lmdeploy's api_server speaks it: request validation
 * (zod), lmdeploy's flat error bodies, the model list, non-streaming completions and SSE
 * chunks (finish_reason absent until the last chunk, `data: [DONE]` at the end).
 */
import { z } from "zod";

export const MODEL_ID = "introsvg-builtin";
/**
 * The engine answers every built-in profile, so it lists one model id per profile (IntroSVG's
 * first, so a client that takes the first id gets it). Each id answers every prompt; the chat
 * model's answers come in fences with prose, as chat models write them.
 */
export const INTERNSVG_MODEL_ID = "internsvg-builtin";
export const CHAT_MODEL_ID = "chat-builtin";
export const MODEL_IDS: readonly string[] = [MODEL_ID, INTERNSVG_MODEL_ID, CHAT_MODEL_ID];
export const OWNED_BY = "introsvg-studio";

/* ---------- request ---------- */

/** Caps of their own for the request's fields (the whole body is capped too: LIMITS.engineBodyBytes). */
export const REQUEST_LIMITS = {
  modelChars: 256,
  messages: 64,
  partsPerMessage: 16,
  /** One text (a refiner prompt holds a 512 kB SVG). */
  textChars: 1024 * 1024,
  imagesPerTurn: 4,
} as const;

const ContentPart = z.looseObject({ type: z.string().max(64) });
const Message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z
    .union([
      z.string().max(REQUEST_LIMITS.textChars, `a message is longer than ${REQUEST_LIMITS.textChars} characters`),
      z.array(ContentPart).max(REQUEST_LIMITS.partsPerMessage, `a message has more than ${REQUEST_LIMITS.partsPerMessage} content parts`),
      z.null(),
    ])
    .optional(),
});

export const ChatRequestSchema = z.looseObject({
  model: z.string().max(REQUEST_LIMITS.modelChars),
  messages: z
    .array(Message)
    .min(1, "messages must contain at least one message")
    .max(REQUEST_LIMITS.messages, `messages holds more than ${REQUEST_LIMITS.messages} messages`),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  n: z.number().int().nullish(),
  /** As lmdeploy and vLLM take it: the same seed, the same answer; another seed, another draft. */
  seed: z.number().int().nullish(),
});

export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export interface UserTurn {
  text: string;
  /** image_url values, in order (data URLs only; checked by the caller). */
  images: string[];
}

export class ProtocolError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

/** lmdeploy's sampling checks, with its messages. */
export function checkSampling(req: ChatRequest): void {
  if (req.n != null && req.n <= 0) throw new ProtocolError(400, `The n \`${req.n}\` must be a positive int.`, "n");
  if (req.top_p != null && !(req.top_p > 0 && req.top_p <= 1)) throw new ProtocolError(400, `The top_p \`${req.top_p}\` must be in (0, 1].`, "top_p");
  if (req.top_k != null && req.top_k < 0) throw new ProtocolError(400, `The top_k \`${req.top_k}\` cannot be a negative integer.`, "top_k");
  if (req.temperature != null && !(req.temperature >= 0 && req.temperature <= 2)) {
    throw new ProtocolError(400, `The temperature \`${req.temperature}\` must be in [0, 2]`, "temperature");
  }
}

/** The last user message: its text parts joined, its image parts listed. */
export function lastUserTurn(req: ChatRequest): UserTurn {
  const index = req.messages.map((m) => m.role).lastIndexOf("user");
  if (index < 0) throw new ProtocolError(400, "messages must contain a user message.", "messages");
  const content = req.messages[index].content;
  if (content == null) return { text: "", images: [] };
  if (typeof content === "string") return { text: content, images: [] };
  const texts: string[] = [];
  const images: string[] = [];
  content.forEach((part, i) => {
    const param = `messages[${index}].content[${i}]`;
    if (part.type === "text") {
      if (typeof part.text !== "string") throw new ProtocolError(400, "A text content part needs a string `text`.", param);
      if (part.text.length > REQUEST_LIMITS.textChars)
        throw new ProtocolError(413, `A text part is longer than ${REQUEST_LIMITS.textChars} characters.`, param);
      texts.push(part.text);
    } else if (part.type === "image_url") {
      const ref = part.image_url;
      const url = typeof ref === "string" ? ref : ref && typeof ref === "object" && "url" in ref ? (ref as { url: unknown }).url : undefined;
      if (typeof url !== "string") throw new ProtocolError(400, "An image_url content part needs `image_url.url`.", param);
      if (!/^data:/i.test(url.trim())) {
        throw new ProtocolError(400, "Only base64 data URLs are accepted in image_url; the built-in engine never fetches a URL.", param);
      }
      if (images.length >= REQUEST_LIMITS.imagesPerTurn) throw new ProtocolError(400, `At most ${REQUEST_LIMITS.imagesPerTurn} images per message.`, param);
      images.push(url);
    } else {
      throw new ProtocolError(400, `Unsupported content part type \`${part.type}\`: use "text" or "image_url".`, param);
    }
  });
  return { text: texts.join(""), images };
}

export function parseChatRequest(raw: string): ChatRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    throw new ProtocolError(400, `The request body is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ChatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.code === "too_big") ?? parsed.error.issues[0];
    const param = issue.path.length ? issue.path.join(".") : null;
    throw new ProtocolError(issue.code === "too_big" ? 413 : 400, `Invalid request: ${param ? `${param}: ` : ""}${issue.message}`, param);
  }
  return parsed.data;
}

/* ---------- responses ---------- */

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** lmdeploy's flat error body: `{"message","type","code","param","object":"error"}`. */
export function errorBody(status: number, message: string, param: string | null = null, type = "invalid_request_error") {
  return { object: "error" as const, message, type, param, code: status };
}

export function errorResponse(error: ProtocolError | { status: number; message: string }, headers: Record<string, string> = {}): Response {
  const e = error instanceof ProtocolError ? error : new ProtocolError(error.status, error.message);
  return jsonResponse(errorBody(e.status, e.message, e.param, e.type), e.status, headers);
}

export function unknownModel(model: string): ProtocolError {
  return new ProtocolError(404, `The model \`${model}\` does not exist.`, "model");
}

export function modelList(created: number) {
  return {
    object: "list" as const,
    data: MODEL_IDS.map((id) => ({ id, object: "model" as const, created, owned_by: OWNED_BY, root: id, parent: null, permission: [] })),
  };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = "stop" | "length" | "abort" | "error";

export function completionBody(id: string, created: number, model: string, content: string, finish: FinishReason, usage: Usage) {
  return {
    id,
    object: "chat.completion" as const,
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant" as const, content }, finish_reason: finish }],
    usage,
  };
}

export function sseData(payload: unknown): string {
  return `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}

/** One streamed chunk; `finish` only on the last one (lmdeploy leaves the field out otherwise). */
export function chunkBody(id: string, created: number, model: string, delta: { role?: "assistant"; content?: string }, finish?: FinishReason) {
  return {
    id,
    object: "chat.completion.chunk" as const,
    created,
    model,
    choices: [{ index: 0, delta, ...(finish ? { finish_reason: finish } : {}) }],
  };
}

export function usageChunkBody(id: string, created: number, model: string, usage: Usage) {
  return { id, object: "chat.completion.chunk" as const, created, model, choices: [], usage };
}

export const SSE_DONE = "data: [DONE]\n\n";
