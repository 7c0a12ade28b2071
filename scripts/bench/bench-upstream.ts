/**
 * The benchmark's upstream: an OpenAI-compatible server on loopback whose pace is set by a
 * marker in the prompt (`bench:tokens=8000:tps=300:ttft=100:score=9.8`), so one server serves
 * every figure. tps=0 streams as fast as it can (an "instant" upstream). Answers are
 * deterministic model-style icons: many filled paths in a 200×200 viewBox.
 */
import http from "node:http";
import { tokenize } from "../../lib/engine/protocol/tokenize";

export const BENCH_MODEL = "bench-upstream";

export interface Pace {
  tokens: number;
  tps: number;
  ttftMs: number;
  score: number;
}

export function paceOf(text: string): Pace {
  const marker = /bench:([\w=.:]+)/.exec(text)?.[1] ?? "";
  const value = (key: string, fallback: number) => Number(new RegExp(`${key}=([\\d.]+)`).exec(marker)?.[1] ?? fallback);
  return { tokens: value("tokens", 600), tps: value("tps", 0), ttftMs: value("ttft", 0), score: value("score", 9.8) };
}

/** A model-style SVG of about `tokens` tokens: filled paths of a few points each. */
export function iconOfTokens(tokens: number): string {
  const parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">'];
  let i = 0;
  let count = tokenize(parts[0]).length;
  const colours = ["#2F88FF", "#43CCF8", "#FFFFFF", "#1F2937", "#F59E0B", "#10B981"];
  while (count < tokens - 10) {
    const x = 20 + ((i * 37) % 150);
    const y = 20 + ((i * 53) % 150);
    const path = `<path fill="${colours[i % colours.length]}" d="M${x} ${y} L${x + 12} ${y + 3} L${x + 9} ${y + 14} L${x - 2} ${y + 11} Z"/>`;
    parts.push(path);
    count += tokenize(path).length;
    i++;
  }
  parts.push("</svg>");
  return parts.join("");
}

function chunk(content: string | null, finish?: string): string {
  const choice: Record<string, unknown> = { index: 0, delta: content === null ? {} : { content } };
  if (finish) choice.finish_reason = finish;
  return `data: ${JSON.stringify({ id: "bench", object: "chat.completion.chunk", created: 0, model: BENCH_MODEL, choices: [choice] })}\n\n`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stream(res: http.ServerResponse, text: string, pace: Pace): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let closed = false;
  res.on("close", () => (closed = true));
  if (pace.ttftMs > 0) await sleep(pace.ttftMs);
  const tokens = tokenize(text);
  const started = performance.now();
  // Paced: one token per chunk on the clock (catching up in batches when the timer is late).
  for (let sent = 0; sent < tokens.length && !closed;) {
    const due = pace.tps > 0 ? Math.min(tokens.length, Math.floor(((performance.now() - started) / 1000) * pace.tps) + 1) : tokens.length;
    const batch = pace.tps > 0 ? due - sent : Math.min(8, tokens.length - sent);
    if (batch > 0) {
      res.write(chunk(tokens.slice(sent, sent + batch).join("")));
      sent += batch;
    }
    if (pace.tps > 0) await sleep(1);
    else if (sent % 512 === 0) await new Promise((r) => setImmediate(r));
  }
  if (closed) return;
  res.write(chunk(null, "stop"));
  res.write(
    `data: ${JSON.stringify({ id: "bench", object: "chat.completion.chunk", created: 0, model: BENCH_MODEL, choices: [], usage: { prompt_tokens: 50, completion_tokens: tokens.length, total_tokens: 50 + tokens.length } })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
}

function userText(body: { messages?: Array<{ content: unknown }> }): { text: string; image: boolean } {
  const content = body.messages?.at(-1)?.content;
  if (typeof content === "string") return { text: content, image: false };
  if (Array.isArray(content)) {
    return {
      text: content.map((p: { type?: string; text?: string }) => (p.type === "text" ? (p.text ?? "") : "")).join(""),
      image: content.some((p: { type?: string }) => p.type === "image_url"),
    };
  }
  return { text: "", image: false };
}

export interface BenchUpstream {
  url: string;
  close: () => Promise<void>;
}

export async function startBenchUpstream(): Promise<BenchUpstream> {
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ object: "list", data: [{ id: BENCH_MODEL, object: "model" }] }));
    }
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      const { text, image } = userText(JSON.parse(raw) as { messages?: Array<{ content: unknown }> });
      const pace = paceOf(text);
      if (image) {
        const answer = JSON.stringify({ score: pace.score, critique: "A clean icon; shapes are balanced.", suggestions: "1. Keep the palette." });
        void stream(res, answer, { ...pace, tps: 0, ttftMs: Math.min(pace.ttftMs, 5) });
      } else {
        void stream(res, iconOfTokens(pace.tokens), pace);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
