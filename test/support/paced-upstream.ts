/**
 * An OpenAI-compatible upstream for batch tests and the benchmark, speaking lmdeploy's dialect
 * (finish_reason absent until the last chunk, flat error bodies, the proxy's bare error lines),
 * with a fixed pace: it waits `ttftMs` before the first token and then sends a chunk every
 * `chunkMs`. Its answers are deterministic and make loops of known length:
 *
 * - the generator draws a square in the colour of "version" 1, 2 or 3 (red, green, blue); a
 *   draft starts at `draftVersion(prompt)`, each refinement goes one version up (read from the
 *   SVG it is sent), to 3 at most;
 * - the critic reads the centre pixel of the PNG it is sent and scores the version it sees:
 *   6.0, 8.0, 9.7. So a paper-mode item (threshold 9.5) takes 4 − draftVersion rounds.
 *
 * Faults: a `fault:<name>` marker in the prompt fails that item's requests for good (http-400,
 * length, critic-unparsable); `options.fault` injects faults by request (transient ones: 429,
 * 503, the proxy's 10400 and mid-stream 10402, a reset connection). Every request is logged,
 * with how it ended, so tests count what was asked and the benchmark sums the upstream's busy time.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PNG } from "pngjs";

export const PACED_MODEL = "paced-fixture-introsvg";

export type Role = "generator" | "critic" | "refiner";
export type Fault = "http-429" | "http-503" | "http-400" | "proxy-10400" | "proxy-10402" | "reset" | "length" | "critic-unparsable";

export interface RequestRecord {
  index: number;
  role: Role;
  /** The user's text (the template with the prompt filled in). */
  text: string;
  /** The `seed` the request asked for (the draft step's candidates each send their own), else null. */
  seed: number | null;
  startedAt: number;
  endedAt: number | null;
  outcome: "completed" | "closed-early" | Fault | "pending";
}

export interface PacedUpstreamOptions {
  ttftMs?: number;
  chunkMs?: number;
  /** Characters per streamed chunk. */
  chunkChars?: number;
  port?: number;
  /** A fault for a request, or null: called for every chat request, in arrival order. */
  fault?: (request: { index: number; role: Role; text: string; /** text and image: the same for every attempt at one step */ key: string }) => Fault | null;
}

export interface PacedUpstream {
  baseURL: string;
  origin: string;
  requests(): RequestRecord[];
  /** Requests whose text contains `needle` (an item's desc), optionally of one role and outcome. */
  count(needle: string, filter?: { role?: Role; outcome?: RequestRecord["outcome"] }): number;
  /** Sum of (end − start) of completed requests: the upstream time a batch needed. */
  busyMs(): number;
  close(): Promise<void>;
}

const COLOURS = { 1: [208, 48, 48], 2: [48, 160, 48], 3: [48, 80, 208] } as const;
const SCORES = { 1: 6.0, 2: 8.0, 3: 9.7 } as const;
type Version = 1 | 2 | 3;

const hex = (rgb: readonly number[]) =>
  `#${rgb
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase()}`;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The version a draft comes out at: `start:N` in the prompt, else from a hash of the generator's text. */
export function draftVersion(prompt: string): Version {
  const forced = /start:([123])/.exec(prompt)?.[1];
  return (forced ? Number(forced) : 1 + (hash(prompt) % 3)) as Version;
}

/** Rounds a paper-mode loop (threshold 9.5, 3 refinements) takes on this upstream. */
export function paperRounds(prompt: string): number {
  return 4 - draftVersion(prompt);
}

export function svgOfVersion(version: Version, prompt: string): string {
  // A little path data that varies by prompt, so answers are not all the same size.
  const extra = Array.from(
    { length: 6 + (hash(prompt) % 10) },
    (_, i) => `<path fill="#FFFFFF" d="M${60 + i * 4} 60 L${64 + i * 4} 60 L${64 + i * 4} 70 L${60 + i * 4} 70 Z"/>`,
  ).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="${hex(COLOURS[version])}" d="M40 40 L160 40 L160 160 L40 160 Z"/>${extra}</svg>`;
}

function versionOfSvg(svg: string): Version {
  const fill = /fill="(#[0-9A-F]{6})"/.exec(svg)?.[1];
  const found = (Object.entries(COLOURS) as Array<[string, readonly number[]]>).find(([, rgb]) => hex(rgb) === fill);
  return (found ? Number(found[0]) : 1) as Version;
}

function versionOfPng(dataUrl: string): Version {
  const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
  const at = (Math.floor(png.height / 2) * png.width + Math.floor(png.width / 2)) * 4;
  const pixel = [png.data[at], png.data[at + 1], png.data[at + 2]];
  let best: Version = 1;
  let distance = Infinity;
  for (const [v, rgb] of Object.entries(COLOURS)) {
    const d = rgb.reduce((sum, c, i) => sum + (c - pixel[i]) ** 2, 0);
    if (d < distance) [best, distance] = [Number(v) as Version, d];
  }
  return best;
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  messages?: Array<{ content: unknown }>;
  stream_options?: { include_usage?: boolean };
  seed?: unknown;
}

function userParts(body: ChatBody): { text: string; image: string | null } {
  const content = body.messages?.at(-1)?.content;
  if (typeof content === "string") return { text: content, image: null };
  if (!Array.isArray(content)) return { text: "", image: null };
  const text = content
    .filter((p) => p?.type === "text")
    .map((p) => p.text as string)
    .join("");
  const image = content.find((p) => p?.type === "image_url")?.image_url?.url ?? null;
  return { text, image };
}

function roleOf(text: string, image: string | null): Role {
  if (image || text.startsWith("You are a professional SVG design critic")) return "critic";
  if (text.startsWith("Please analyze all the information")) return "refiner";
  return "generator";
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function chunk(content: string | null, finish?: string): string {
  const choice: Record<string, unknown> = { index: 0, delta: content === null ? {} : { content } };
  if (finish) choice.finish_reason = finish;
  return `data: ${JSON.stringify({ id: "chatcmpl-paced", object: "chat.completion.chunk", created: 0, model: PACED_MODEL, choices: [choice] })}\n\n`;
}

export async function startPacedUpstream(options: PacedUpstreamOptions = {}): Promise<PacedUpstream> {
  const ttftMs = options.ttftMs ?? 5;
  const chunkMs = options.chunkMs ?? 1;
  const chunkChars = options.chunkChars ?? 64;
  const log: RequestRecord[] = [];

  const answer = (role: Role, text: string, image: string | null, fault: Fault | null): string => {
    if (role === "critic") {
      if (fault === "critic-unparsable") return "It looks fine to me, a good score overall.";
      const version = image ? versionOfPng(image) : 1;
      return JSON.stringify({
        score: SCORES[version],
        critique: `Version ${version} of the drawing.`,
        suggestions: version === 3 ? "No changes are needed." : "1. Use the next colour.",
      });
    }
    if (role === "refiner") {
      const current = /<svg[\s\S]*?<\/svg>/.exec(text)?.[0] ?? "";
      return svgOfVersion(Math.min(3, versionOfSvg(current) + 1) as Version, text);
    }
    return svgOfVersion(draftVersion(text), text);
  };

  const handleChat = async (req: http.IncomingMessage, res: http.ServerResponse, body: ChatBody) => {
    const { text, image } = userParts(body);
    const role = roleOf(text, image);
    const record: RequestRecord = {
      index: log.length,
      role,
      text,
      seed: typeof body.seed === "number" ? body.seed : null,
      startedAt: Date.now(),
      endedAt: null,
      outcome: "pending",
    };
    log.push(record);
    const marker = /fault:([a-z0-9-]+)/.exec(text)?.[1] as Fault | undefined;
    const permanent = marker && (marker === "critic-unparsable" ? role === "critic" : role !== "critic") ? marker : null;
    const fault = permanent ?? options.fault?.({ index: record.index, role, text, key: `${text}\n${image ?? ""}` }) ?? null;
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        closed = true;
        if (record.outcome === "pending") record.outcome = "closed-early";
        record.endedAt ??= Date.now();
      }
    });
    const end = (outcome: RequestRecord["outcome"]) => {
      record.outcome = outcome;
      record.endedAt = Date.now();
    };

    if (fault === "http-400")
      return (
        end(fault),
        send(res, 400, { message: "The prompt is too long (fixture).", type: "invalid_request_error", code: 400, param: null, object: "error" })
      );
    if (fault === "http-429")
      return (end(fault), send(res, 429, { message: "Too many requests (fixture).", type: "rate_limit", code: 429, param: null, object: "error" }));
    if (fault === "http-503")
      return (end(fault), send(res, 503, { message: "Service unavailable (fixture).", type: "internal_error", code: 503, param: null, object: "error" }));
    if (fault === "proxy-10400") return (end(fault), send(res, 200, { error_code: 10400, text: "No available worker (fixture)." }));
    if (fault === "reset") {
      end(fault);
      req.socket.destroy();
      return;
    }

    await sleep(ttftMs);
    if (closed) return;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const content = answer(role, text, image, fault);
    const pieces: string[] = [];
    for (let i = 0; i < content.length; i += chunkChars) pieces.push(content.slice(i, i + chunkChars));
    const half = Math.floor(pieces.length / 2);
    for (let i = 0; i < pieces.length; i++) {
      if (closed) return;
      if (i === half && fault === "proxy-10402") {
        res.write('{"error_code":10402,"text":"Failed to get response after a period of time"}\n');
        end(fault);
        return res.end();
      }
      if (i === half && fault === "length") {
        res.write(chunk(null, "length"));
        res.write("data: [DONE]\n\n");
        end(fault);
        return res.end();
      }
      res.write(chunk(pieces[i]));
      if (i < pieces.length - 1) await sleep(chunkMs);
    }
    if (closed) return;
    res.write(chunk(null, "stop"));
    if (body.stream_options?.include_usage) {
      const completion = Math.ceil(content.length / 4);
      res.write(
        `data: ${JSON.stringify({ id: "chatcmpl-paced", object: "chat.completion.chunk", created: 0, model: PACED_MODEL, choices: [], usage: { prompt_tokens: 400, completion_tokens: completion, total_tokens: 400 + completion } })}\n\n`,
      );
    }
    res.write("data: [DONE]\n\n");
    end("completed");
    res.end();
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    if (req.method === "GET" && url.pathname === "/health") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && url.pathname === "/v1/models") {
      return send(res, 200, { object: "list", data: [{ id: PACED_MODEL, object: "model", created: 0, owned_by: "fixture" }] });
    }
    if (req.method === "POST" && url.pathname === "/v1/chat/completions") {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => {
        let body: ChatBody;
        try {
          body = JSON.parse(Buffer.concat(parts).toString("utf8"));
        } catch {
          return send(res, 400, { message: "Malformed JSON body.", object: "error" });
        }
        if (body.model !== PACED_MODEL) return send(res, 404, { message: `The model '${String(body.model)}' does not exist.`, object: "error" });
        void handleChat(req, res, body);
      });
      return;
    }
    send(res, 404, { message: `No route for ${req.method} ${url.pathname}`, object: "error" });
  });
  // Many items in flight at once: no keep-alive limits in the way.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseURL: `${origin}/v1`,
    origin,
    requests: () => [...log],
    count: (needle, filter = {}) =>
      log.filter((r) => r.text.includes(needle) && (!filter.role || r.role === filter.role) && (!filter.outcome || r.outcome === filter.outcome)).length,
    busyMs: () => log.reduce((sum, r) => sum + (r.outcome === "completed" && r.endedAt ? r.endedAt - r.startedAt : 0), 0),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
