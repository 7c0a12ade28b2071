/**
 * A small stand-in for `lmdeploy serve proxy` in front of several api_servers: requests go to
 * the live backends in turn. A backend that refuses a connection is marked down and the request
 * is answered as lmdeploy's proxy does when a worker is unavailable (HTTP 200 with a bare
 * `{"error_code":10401,…}` body); a backend that dies mid-stream gets the proxy's bare
 * `{"error_code":10402,…}` line in the stream. A client that goes away closes the backend
 * request too, so aborts reach the GPU server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  baseURL: string;
  /** Requests forwarded to each backend origin. */
  forwarded(): Record<string, number>;
  down(): string[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  const live = new Set(backends);
  const forwarded: Record<string, number> = Object.fromEntries(backends.map((b) => [b, 0]));
  let turn = 0;

  const pick = (): string | null => {
    const candidates = backends.filter((b) => live.has(b));
    if (candidates.length === 0) return null;
    return candidates[turn++ % candidates.length];
  };

  const bare = (res: http.ServerResponse, code: number, text: string) => {
    if (!res.headersSent) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ error_code: code, text }));
    } else {
      res.end(`${JSON.stringify({ error_code: code, text })}\n`);
    }
  };

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const backend = pick();
      if (!backend) return bare(res, 10400, "No available node.");
      forwarded[backend] += 1;
      const body = Buffer.concat(parts);
      const upstream = http.request(`${backend}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(backend).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on("data", (c: Buffer) => res.write(c));
        answer.on("end", () => {
          if (!answer.complete) bare(res, 10402, "Failed to get response after a period of time");
          else res.end();
        });
        answer.on("aborted", () => bare(res, 10402, "Failed to get response after a period of time"));
        answer.on("error", () => bare(res, 10402, "Failed to get response after a period of time"));
      });
      upstream.on("error", (e: NodeJS.ErrnoException) => {
        if (res.writableEnded) return;
        if (e.code === "ECONNREFUSED") live.delete(backend);
        bare(res, res.headersSent ? 10402 : 10401, "Service unavailable.");
      });
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    forwarded: () => ({ ...forwarded }),
    down: () => backends.filter((b) => !live.has(b)),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
