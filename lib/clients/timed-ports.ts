/**
 * The browser's ports with User Timing entries around each call (`introsvg:generate`,
 * `introsvg:critique`, `introsvg:refine`, `introsvg:rasterize`), so the performance panel and
 * the benchmark (`npm run bench`) can see where a round's time goes. A measure costs
 * microseconds; the entries are cleared as they accumulate so a long session does not grow them.
 */
import { wrapModelPort, type ModelPort, type RasterizePort } from "../loop/loop-ports";

const MAX_ENTRIES = 500;

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    if (performance.getEntriesByType("measure").length > MAX_ENTRIES) performance.clearMeasures();
    performance.measure(`introsvg:${name}`, { start, end: performance.now() });
  }
}

export function timedModelPort(port: ModelPort): ModelPort {
  return wrapModelPort(port, (role, call) => (input, handlers, signal) => timed(role, () => call(input, handlers, signal)));
}

export function timedRasterize(rasterize: RasterizePort): RasterizePort {
  return (svg) => timed("rasterize", () => rasterize(svg));
}
