/**
 * The figures measured in Chromium against the production build: first-load JavaScript, long
 * tasks while a big SVG streams, the browser rasterizer's time, the studio's own time per round,
 * and a 500 kB SVG opened in the editor and preview.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { iconOfTokens } from "./bench-upstream";
import { median } from "./stats";
import { studioConfig } from "../../lib/config/studio-config";

const CHROMIUM = studioConfig().chromiumPath ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Records every long task (> 50 ms) from the start of the page. */
const OBSERVE_LONG_TASKS = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
};

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(OBSERVE_LONG_TASKS);
  return page;
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (t) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start + x.duration >= t).map((x) => x.duration),
    since,
  );

/**
 * First-load JavaScript: the scripts the HTML of the page names (what must arrive before it is
 * interactive), gzipped as served. Chunks loaded later on purpose (Monaco, when the page is
 * idle or an editor opens) are not first-load.
 */
export async function firstLoadJs(url: string): Promise<{ gzipKb: number; rawKb: number; chunks: number }> {
  const html = await (await fetch(url)).text();
  // A noModule script is the legacy polyfill, which current browsers never load.
  const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]).filter((attrs) => !/nomodule/i.test(attrs));
  const sources = [...new Set(tags.map((attrs) => /src="([^"]+\.js[^"]*)"/.exec(attrs)?.[1]).filter((s): s is string => !!s))];
  const bodies = await Promise.all(sources.map(async (src) => Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())));
  return {
    gzipKb: bodies.reduce((n, b) => n + gzipSync(b).length, 0) / 1024,
    rawKb: bodies.reduce((n, b) => n + b.length, 0) / 1024,
    chunks: bodies.length,
  };
}

/**
 * Resolves when the loop status reads "Done…". A MutationObserver on that one element, not
 * Playwright's waitFor: its polling queried the whole page by role many times a second, work
 * that landed in the very figure being measured (~5 ms per round on this machine).
 */
const untilLoopDone = (timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const status = document.querySelector('[role="status"][aria-label="Loop status"]');
    if (!status) return reject(new Error("no loop status on the page"));
    const timer = setTimeout(() => reject(new Error(`the loop did not finish within ${timeoutMs} ms`)), timeoutMs);
    const observer = new MutationObserver(() => {
      if (!status.textContent?.startsWith("Done")) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });

async function runLoop(page: Page, prompt: string): Promise<number> {
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  const start = await page.evaluate(() => performance.now());
  const done = page.evaluate(untilLoopDone, 180_000);
  await page.getByRole("button", { name: "Generate" }).click();
  await done;
  // Let the end of the run (saves, re-renders) show up in the long-task record.
  await page.waitForTimeout(500);
  return start;
}

/** Long tasks while an ~8,000-token SVG streams at 300 tokens/s, from Generate to the end of the run. */
export async function streamingLongTasks(browser: Browser, url: string, runs: number): Promise<{ maxMs: number; count: number }> {
  const maxes: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    await page.goto(url, { waitUntil: "networkidle" });
    const start = await runLoop(page, `bench:tokens=8000:tps=300:score=9.8 a shield with a star, run ${i}`);
    const tasks = await longTasksSince(page, start);
    maxes.push(Math.max(0, ...tasks));
    counts.push(tasks.length);
    await page.close();
  }
  return { maxMs: median(maxes), count: median(counts) };
}

/**
 * An instant upstream: the browser rasterizer's time and the studio's own time per round, over
 * `loops` 4-round loops one after another in one page (the first in a freshly loaded page). The
 * own time is the median of the loops' figures, like every other figure; each loop's figure is
 * kept, the first (cold) one among them.
 */
export async function roundFigures(
  browser: Browser,
  url: string,
  loops = 5,
): Promise<{ rasterMs: number; ownMsPerRound: number; rounds: number; perLoopMs: number[] }> {
  const page = await newPage(browser);
  await page.goto(url, { waitUntil: "networkidle" });
  const raster: number[] = [];
  const perLoopMs: number[] = [];
  let rounds = 0;
  for (let i = 0; i < loops; i++) {
    const start = await runLoop(page, `bench:tokens=1500:tps=0:score=5 a blue shield icon with a white check mark, loop ${i}`);
    const figures = await page.evaluate((since) => {
      const measures = performance.getEntriesByType("measure").filter((m) => m.name.startsWith("introsvg:") && m.startTime >= since);
      const first = Math.min(...measures.map((m) => m.startTime));
      const last = Math.max(...measures.map((m) => m.startTime + m.duration));
      return {
        raster: measures.filter((m) => m.name === "introsvg:rasterize").map((m) => m.duration),
        wall: last - first,
        rounds: measures.filter((m) => m.name === "introsvg:generate" || m.name === "introsvg:refine").length,
      };
    }, start);
    raster.push(...figures.raster);
    rounds += figures.rounds;
    perLoopMs.push(figures.wall / Math.max(1, figures.rounds));
  }
  await page.close();
  return { rasterMs: median(raster), ownMsPerRound: median(perLoopMs), rounds, perLoopMs };
}

/** A model-style SVG just under `bytes` long (the studio's SVG limit is 512 kB). */
export function bigIcon(bytes: number): string {
  let tokens = 20_000;
  let svg = iconOfTokens(tokens);
  while (svg.length < bytes) svg = iconOfTokens((tokens = Math.ceil((tokens * bytes) / svg.length) + 1000));
  return svg.slice(0, bytes - 16).replace(/<path[^>]*$/, "") + "</svg>";
}

/**
 * A stored session whose round holds a ~500 kB SVG, opened in the studio (editor and preview):
 * the longest task in the first 3 s, the median over `runs` fresh pages.
 */
export async function bigSvgLongTasks(browser: Browser, url: string, runs = 3): Promise<{ maxMs: number; maxes: number[]; svgKb: number }> {
  const svg = bigIcon(500 * 1024);
  const round = {
    id: "round-1",
    index: 1,
    kind: "draft",
    sourceIndex: null,
    phase: "done",
    modelText: svg,
    svg,
    truncated: null,
    generation: { model: "bench", usage: { outputTokens: 125_000 }, ttftMs: 100, durationMs: 1000, finishReason: "stop" },
    png: null,
    critiqueText: "",
    critique: { score: 7, critique: "Busy.", suggestions: "1. Fewer shapes." },
    finalCritique: false,
    critiqueMeta: null,
    error: null,
    stoppedStep: null,
  };
  const session = {
    title: "a 500 kB icon",
    prompt: "a 500 kB icon",
    settings: { mode: "paper", maxRefinements: 3, threshold: 9.5 },
    status: "done",
    extraRefinements: 0,
    engine: "remote",
    model: "bench",
    createdAt: Date.now(),
    updatedAt: Date.now(),
  };
  const response = await fetch(`${url}/api/sessions/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ format: "introsvg-studio-session", version: 2, session, rounds: [round] }),
  });
  if (!response.ok) throw new Error(`import answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const maxes: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh page each time: Monaco and the rest load as they would for someone opening the link.
    const page = await newPage(browser);
    await page.goto(`${url}/s/${id}`, { waitUntil: "networkidle" });
    await page.getByRole("article", { name: /^Round 1\b/ }).waitFor();
    await page.waitForTimeout(3000);
    maxes.push(Math.max(0, ...(await longTasksSince(page, 0))));
    await page.close();
  }
  return { maxMs: median(maxes), maxes, svgKb: svg.length / 1024 };
}
