/**
 * Step overhead: the same generation asked of the upstream directly and through the studio's
 * /api/generate, alternately, N times. TTFT = time to the first piece of model text; throughput
 * = characters of model text per second after it. Medians.
 */
import { buildGeneratorPrompt } from "../../lib/introsvg/prompts";
import { median } from "./stats";

interface Timing {
  ttftMs: number;
  totalMs: number;
  chars: number;
}

async function timeStream(url: string, body: unknown, firstText: RegExp, textOf: (line: string) => string): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const decoder = new TextDecoder();
  let ttft = -1;
  let chars = 0;
  let buffer = "";
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("data: ") || !firstText.test(line)) continue;
      if (ttft < 0) ttft = performance.now() - started;
      chars += textOf(line).length;
    }
  }
  return { ttftMs: ttft, totalMs: performance.now() - started, chars };
}

export async function measureStepOverhead(studioUrl: string, upstreamUrl: string, model: string, runs: number) {
  const direct = (prompt: string) =>
    timeStream(
      `${upstreamUrl}/chat/completions`,
      {
        model,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 6000,
        temperature: 0.5,
        top_p: 1,
        messages: [{ role: "user", content: buildGeneratorPrompt(prompt) }],
      },
      /"content":"/,
      (line) => (JSON.parse(line.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "",
    );
  const studio = (prompt: string) =>
    timeStream(`${studioUrl}/api/generate`, { prompt }, /"type":"text-delta"/, (line) => (JSON.parse(line.slice(6)) as { delta: string }).delta);
  // TTFT: a short answer from an instant upstream. Throughput: a long answer at a fixed pace of
  // 2,000 tokens/s (well above a GPU server's per-stream rate) — against an instant upstream
  // "direct" would measure loopback alone, not what a user can feel.
  const short = "bench:tokens=200:tps=0 a blue shield icon";
  const long = "bench:tokens=3000:tps=2000 a blue shield icon";
  await direct(short);
  await studio(short); // warm both paths (route compilation, model lookup)
  const ttft: { d: Timing; s: Timing }[] = [];
  const rate: { d: Timing; s: Timing }[] = [];
  for (let i = 0; i < runs; i++) ttft.push({ d: await direct(short), s: await studio(short) });
  for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) rate.push({ d: await direct(long), s: await studio(long) });
  const perSecond = (t: Timing) => t.chars / Math.max(1e-3, (t.totalMs - t.ttftMs) / 1000);
  return {
    ttftDirectMs: median(ttft.map((p) => p.d.ttftMs)),
    ttftStudioMs: median(ttft.map((p) => p.s.ttftMs)),
    ttftOverheadMs: median(ttft.map((p) => p.s.ttftMs - p.d.ttftMs)),
    throughputRatio: median(rate.map((p) => perSecond(p.s) / perSecond(p.d))),
  };
}
