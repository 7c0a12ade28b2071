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
  const prompt = "bench:tokens=3000:tps=0 a blue shield icon";
  const direct = () =>
    timeStream(
      `${upstreamUrl}/chat/completions`,
      { model, stream: true, stream_options: { include_usage: true }, max_tokens: 6000, temperature: 0.5, top_p: 1, messages: [{ role: "user", content: buildGeneratorPrompt(prompt) }] },
      /"content":"/,
      (line) => (JSON.parse(line.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "",
    );
  const studio = () =>
    timeStream(`${studioUrl}/api/generate`, { prompt }, /"type":"text-delta"/, (line) => (JSON.parse(line.slice(6)) as { delta: string }).delta);
  await direct();
  await studio(); // warm both paths (route compilation, model lookup)
  const d: Timing[] = [];
  const s: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    d.push(await direct());
    s.push(await studio());
  }
  const rate = (t: Timing) => t.chars / Math.max(1e-3, (t.totalMs - t.ttftMs) / 1000);
  return {
    ttftDirectMs: median(d.map((t) => t.ttftMs)),
    ttftStudioMs: median(s.map((t) => t.ttftMs)),
    ttftOverheadMs: median(s.map((t, i) => t.ttftMs - d[i].ttftMs)),
    throughputRatio: median(s.map((t, i) => rate(t) / rate(d[i]))),
  };
}
