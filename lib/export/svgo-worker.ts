/// <reference lib="webworker" />
/**
 * SVGO's browser build in a worker of its own: the export panel optimizes every finished round,
 * and on the page's thread that was the longest task of a run (~150 ms for an 8,000-token SVG,
 * ~1.9 s for a 500 kB one, Chromium's profiler). The configurations are plain data
 * (svgo-config.ts), so they cross as they are; the worker only runs optimize().
 */
import { optimize } from "svgo/browser";
import type { SvgoRequest, SvgoResponse } from "./svgo-worker-contract";

self.onmessage = (event: MessageEvent<SvgoRequest>) => {
  const { id, svg, config } = event.data;
  let answer: SvgoResponse;
  try {
    answer = { id, data: optimize(svg, config).data };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(answer);
};
