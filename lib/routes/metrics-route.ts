/**
 * GET /metrics: the studio's metrics in Prometheus' text format (lib/telemetry/prometheus.ts).
 * Behind the same access rules as every route: with STUDIO_ACCESS_TOKEN set, a scraper sends it
 * as `Authorization: Bearer <token>` (Prometheus: `authorization: { credentials: … }`).
 */
import { studioRegistry } from "../telemetry/prometheus";

export async function metricsRoute(): Promise<Response> {
  const registry = studioRegistry();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
