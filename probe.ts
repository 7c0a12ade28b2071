import { BENCH_MODEL, startBenchUpstream } from "./scripts/bench/bench-upstream";
import { startStudio } from "./scripts/bench/studio-server";
import { bigIcon, launchBrowser } from "./scripts/bench/browser-figures";
import fs from "node:fs";
(async () => {
  const up = await startBenchUpstream();
  fs.rmSync("/tmp/probe2.db", { force: true });
  const studio = await startStudio({ INFERENCE_BASE_URL: up.url, INFERENCE_MODEL: BENCH_MODEL, DATABASE_URL: "file:/tmp/probe2.db" });
  const browser = await launchBrowser();
  const mode = process.argv[2];
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  let url = `${studio.url}/`;
  if (mode === "big") {
    const svg = bigIcon(500 * 1024);
    const round = { id: "round-1", index: 1, kind: "draft", sourceIndex: null, phase: "done", modelText: svg, svg, truncated: null, generation: null, png: null, critiqueText: "", critique: { score: 7, critique: "x", suggestions: "1. y" }, finalCritique: false, critiqueMeta: null, error: null, stoppedStep: null };
    const session = { title: "big", prompt: "big", settings: { mode: "paper", maxRefinements: 3, threshold: 9.5 }, status: "done", extraRefinements: 0, engine: "remote", model: "b", createdAt: 1, updatedAt: 1 };
    const r = await fetch(`${studio.url}/api/sessions/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ format: "introsvg-studio-session", version: 2, session, rounds: [round] }) });
    url = `${studio.url}/s/${((await r.json()) as { id: string }).id}`;
    await cdp.send("Profiler.start");
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(3000);
  } else {
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(1500);
    await cdp.send("Profiler.start");
    await page.getByLabel("Prompt", { exact: true }).fill("bench:tokens=8000:tps=300:score=9.8 a shield");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.getByRole("status", { name: "Loop status" }).filter({ hasText: /^Done/ }).waitFor({ timeout: 120000 });
  }
  const { profile } = await cdp.send("Profiler.stop");
  fs.writeFileSync(`/tmp/profile-${mode}.json`, JSON.stringify(profile));
  await browser.close(); await studio.stop(); await up.close();
})();
