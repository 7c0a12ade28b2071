/**
 * The built-in engine as a standalone OpenAI-compatible server (node:http), for `npm run engine`
 * (port 23333, like lmdeploy) and for tests (port 0). Node requests become Web Requests whose
 * signal aborts when the client disconnects, so generation stops server-side.
 *
 * It applies the studio's access rules (lib/http/access.ts: Host, cross-site writes, and
 * STUDIO_ACCESS_TOKEN as a Bearer token when set) and reads bodies under the engine's cap,
 * refusing an oversized one (413) as soon as it passes the cap.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleEngineRequest, type EngineOptions } from "./engine-handler";
import { studioConfig } from "../../config/studio-config";
import { checkAccess, refusalResponse } from "../../http/access";
import { bodyTooLarge } from "../../http/body";
import { LIMITS } from "../../http/limits";

export interface EngineServerOptions extends EngineOptions {
  /** 0 picks a free port. Default: env PORT, else 23333. */
  port?: number;
  /** Default: env ENGINE_HOST, else 127.0.0.1. */
  host?: string;
}

export interface EngineServer {
  /** Base URL without /v1, e.g. http://127.0.0.1:23333 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The body, or null as soon as more than `maxBytes` have arrived (declared or not). */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (c: Buffer) => {
      total += c.length;
      if (total > maxBytes) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function send(res: http.ServerResponse, response: Response, close = false): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  if (close) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function routeFor(pathname: string): string | null {
  if (pathname === "/health") return "/health";
  if (pathname === "/v1" || pathname.startsWith("/v1/")) return pathname.slice(3) || "/";
  return null;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, options: EngineOptions, fallbackHost: string) {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? fallbackHost}`);
  const route = routeFor(url.pathname);
  if (!route) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ object: "error", message: `Not found: ${url.pathname}`, type: "invalid_request_error", param: null, code: 404 }));
    return;
  }
  const method = (req.method ?? "GET").toUpperCase();
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === "string") headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(", "));
  }
  const access = { method, pathname: url.pathname, headers };
  const refusal = await checkAccess(access, studioConfig().access);
  if (refusal) return send(res, refusalResponse(refusal, access, "engine"), method !== "GET" && method !== "HEAD");
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const bytes = await readBody(req, LIMITS.engineBodyBytes);
    if (!bytes) {
      // The rest of the upload is not read: the answer goes out, then the connection closes.
      res.on("finish", () => req.destroy());
      return send(res, refusalResponse(bodyTooLarge(LIMITS.engineBodyBytes), access, "engine"), true);
    }
    body = new Uint8Array(bytes);
  }
  const request = new Request(url, { method, headers, body, signal: controller.signal });
  const response = await handleEngineRequest(request, route, options);
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (outHeaders[key] = value));
  res.writeHead(response.status, outHeaders);
  if (!response.body || method === "HEAD") {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => {
    if (!res.writableFinished) reader.cancel().catch(() => undefined);
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      res.write(value);
    }
  } catch {
    // the reader was cancelled because the client went away
  }
  if (!res.destroyed) res.end();
}

export function startEngineServer(options: EngineServerOptions = {}): Promise<EngineServer> {
  const config = studioConfig();
  const host = options.host ?? config.engine.host;
  const port = options.port ?? config.port ?? 23333;
  const handlerOptions: EngineOptions = { tokensPerSecond: options.tokensPerSecond, onAbort: options.onAbort };
  const server = http.createServer((req, res) => {
    serve(req, res, handlerOptions, `${host}:${port}`).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "error", message: `Built-in engine error: ${(e as Error).message}`, type: "internal_error", param: null, code: 500 }));
      } else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections?.();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
  });
}
