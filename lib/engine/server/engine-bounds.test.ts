/**
 * The built-in engine as an attacker meets it: no CORS wildcard, JSON only, bodies capped as
 * they stream in (chunked or not, in the handler and the standalone server), every field
 * capped, PNG bombs refused from their header, per-request work bounded by a time limit with
 * the server answering meanwhile, and the standalone server's access rules.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleEngineRequest } from "./engine-handler";
import { startEngineServer, type EngineServer } from "./engine-server";
import { workerCounters } from "../worker/answer-process";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../../introsvg/prompts";
import { LIMITS } from "../../http/limits";
import { bombPng, dataUrl, solidPng } from "../../../test/support/png";

const BASE = "http://127.0.0.1/v1";
const JSON_TYPE = { "content-type": "application/json" };
const user = (content: unknown) => ({ model: "introsvg-builtin", messages: [{ role: "user", content }] });

function post(body: unknown, headers: Record<string, string> = JSON_TYPE): Request {
  return new Request(`${BASE}/chat/completions`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

const call = (req: Request, timeLimitMs?: number) => handleEngineRequest(req, "/chat/completions", { tokensPerSecond: 0, timeLimitMs });

async function content(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return (await res.json()).choices[0].message.content;
}

/** Many masked, filtered layers: a few kB that keep resvg busy for minutes. */
const COSTLY_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><defs><filter id="f"><feMorphology radius="60"/></filter>' +
  '<mask id="m"><rect width="200" height="200" fill="white" filter="url(#f)"/></mask></defs>' +
  '<rect width="200" height="200" fill="red" mask="url(#m)" filter="url(#f)"/>'.repeat(400) +
  "</svg>";

describe("engine: no CORS, JSON only", () => {
  it("sends no Access-Control-Allow-Origin on any answer, preflight included", async () => {
    const answers = [
      await handleEngineRequest(new Request(`${BASE}/models`, { headers: { origin: "https://evil.example" } }), "/models"),
      await handleEngineRequest(
        new Request(`${BASE}/chat/completions`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } }),
        "/chat/completions",
      ),
      await call(post(user("hello"))),
      await call(post("{bad")),
    ];
    for (const res of answers) {
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-headers")).toBeNull();
    }
  });

  it("refuses a body that is not declared JSON (415): text/plain, a form, none", async () => {
    const cases: Record<string, string>[] = [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, {}];
    for (const headers of cases) {
      const res = await call(post(user("hello"), headers));
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ object: "error", code: 415, message: expect.stringMatching(/application\/json/) });
    }
  });
});

describe("engine: bodies and fields capped", () => {
  it("refuses a declared length over the cap (413) before reading", async () => {
    const res = await call(
      new Request(`${BASE}/chat/completions`, { method: "POST", headers: { ...JSON_TYPE, "content-length": String(150 * 1024 * 1024) }, body: "{}" }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).message).toBe("The request body is larger than 4 MB.");
  });

  it("refuses a chunked body without a length as soon as it passes the cap, not at its end", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65536;
        controller.enqueue(new Uint8Array(65536).fill(32));
      },
    });
    const res = await call(new Request(`${BASE}/chat/completions`, { method: "POST", headers: JSON_TYPE, body, duplex: "half" } as RequestInit));
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(LIMITS.engineBodyBytes + 4 * 65536);
  });

  it("caps each field: the model name, the number of messages, the prompt, the draft SVG, the critique", async () => {
    const statusOf = async (body: unknown) => (await call(post(body))).status;
    expect(await statusOf({ ...user("hi"), model: "m".repeat(300) })).toBe(413);
    expect(await statusOf({ model: "introsvg-builtin", messages: Array.from({ length: 65 }, () => ({ role: "user", content: "hi" })) })).toBe(413);
    expect(await statusOf(user(buildGeneratorPrompt("a kite ".repeat(400))))).toBe(413);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><desc>${"x".repeat(LIMITS.svgBytes)}</desc></svg>`;
    expect(await statusOf(user(buildRefinerPrompt({ originPrompt: "a kite", svg, critique: "c", suggestions: "s" })))).toBe(413);
    expect(
      await statusOf(user(buildRefinerPrompt({ originPrompt: "a kite", svg: "<svg/>", critique: "c".repeat(LIMITS.critiqueChars + 1), suggestions: "s" }))),
    ).toBe(413);
    const images = Array.from({ length: 5 }, () => ({ type: "image_url", image_url: { url: dataUrl(solidPng(4, 4)) } }));
    expect(await statusOf(user([{ type: "text", text: buildCriticPrompt("a kite") }, ...images]))).toBe(400);
  });
});

describe("engine: PNG bombs", () => {
  it("refuses a 16000×16000 PNG of 250 kB from its header, fast, decoding nothing", async () => {
    const bomb = dataUrl(bombPng());
    const before = process.memoryUsage();
    const started = performance.now();
    const res = await call(
      post(
        user([
          { type: "text", text: buildCriticPrompt("a kite") },
          { type: "image_url", image_url: { url: bomb } },
        ]),
      ),
    );
    const elapsed = performance.now() - started;
    expect(res.status).toBe(413);
    expect((await res.json()).message).toBe("The image is not an acceptable PNG: it is 16000×16000 pixels; the limit is 2048×2048.");
    expect(elapsed).toBeLessThan(1000); // a few ms on an idle machine; the point is: not the 13.5 s of decoding it
    expect(process.memoryUsage().arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("engine: bounded work per request", () => {
  it("stops a request past its time limit (422), answering other requests meanwhile, and recovers", async () => {
    // Warm the worker so the limit measures work, not start-up.
    await content(await call(post(user(buildGeneratorPrompt("a red kite")))));
    const killed = workerCounters().killed;
    const started = performance.now();
    const costly = call(
      post(user(buildRefinerPrompt({ originPrompt: "a red kite", svg: COSTLY_SVG, critique: "Too small.", suggestions: "1. Scale it up." }))),
      1500,
    );
    // The event loop stays free while the worker works: the model list answers at once.
    const listStarted = performance.now();
    expect((await handleEngineRequest(new Request(`${BASE}/models`), "/models")).status).toBe(200);
    expect(performance.now() - listStarted).toBeLessThan(200);
    const res = await costly;
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(/stopped working on this request after 1\.5 s, its time limit \(ENGINE_TIME_LIMIT_MS\)/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(workerCounters().killed).toBe(killed + 1);
    // The next request gets a fresh worker.
    expect(await content(await call(post(user(buildGeneratorPrompt("a blue cup")))))).toMatch(/^<svg/);
  }, 60_000);
});

describe("engine: client-supplied SVG never reads local files", () => {
  // resvg would read a local file named in <image href="/abs/path.png"> (the refiner re-renders
  // the draft it is given), and the answer would tell whether the file exists; the rasterize
  // pipeline (lib/raster) removes every such reference first.
  it("answers a refine request with a local-file <image> identically whether the file exists or not", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-oracle-"));
    const file = path.join(dir, "probe.png");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><image href="${file}" x="0" y="0" width="200" height="200"/><circle cx="100" cy="100" r="20" fill="blue"/></svg>`;
    const ask = async () =>
      content(
        await call(
          post(
            user(
              buildRefinerPrompt({ originPrompt: "a blue circle", svg, critique: "The colour is off.", suggestions: "1. Recolour it blue.\n2. Scale it up." }),
            ),
          ),
        ),
      );
    fs.writeFileSync(file, solidPng(200, 200, [255, 0, 0, 255]));
    const withFile = await ask();
    fs.rmSync(dir, { recursive: true });
    const withoutFile = await ask();
    expect(withFile).toBe(withoutFile);
  }, 60_000);
});

describe("the standalone engine server", () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer({ port: 0, tokensPerSecond: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  function raw(
    method: string,
    pathname: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${server.url}${pathname}`, { method, headers }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  it("refuses a foreign Host (421) and cross-site writes (403); sends no CORS header", async () => {
    const foreign = await raw("GET", "/v1/models", { host: "attacker.example:23333" });
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body)).toMatchObject({ object: "error", code: 421, message: expect.stringMatching(/STUDIO_ALLOWED_HOSTS/) });
    const crossSite = await raw("POST", "/v1/chat/completions", { origin: "https://evil.example", "content-type": "text/plain" }, JSON.stringify(user("hi")));
    expect(crossSite.status).toBe(403);
    const ok = await raw("GET", "/v1/models", { origin: "https://evil.example" });
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a chunked upload of endless size with a 413 once it passes the cap", async () => {
    const result = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = http.request(`${server.url}/v1/chat/completions`, { method: "POST", headers: JSON_TYPE });
      let sent = 0;
      let answered = false;
      const chunk = Buffer.alloc(64 * 1024, 32);
      req.on("response", (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
      req.on("error", (e) => (answered ? undefined : reject(e)));
      const pump = () => {
        while (!answered && sent < 400 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
    });
    expect(result.status).toBe(413);
    // Refused after a little more than the 4 MB cap (plus what the sockets buffer), not 400 MB.
    expect(result.sent).toBeLessThan(LIMITS.engineBodyBytes + 16 * 1024 * 1024);
  });
});
