import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PORTS } from "../playwright.config";
import { bombPng, solidPng } from "../test/support/png";

// The studio as an attacker meets it (issue #9): cross-site writes, DNS rebinding, PNG bombs,
// endless uploads, the built-in engine's CORS and body cap. Plain Playwright `test`: the attack
// pages here are expected to log errors of their own.
const STUDIO = `http://127.0.0.1:${PORTS.builtin}`;
test.use({ baseURL: STUDIO });

const SETTINGS = { mode: "paper", maxRefinements: 3, threshold: 9.5 };
const SESSION = JSON.stringify({ prompt: "a cross-site session", settings: SETTINGS });
const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (Host included), over node:http. */
function raw(method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    // A connection of its own (no keep-alive): an upload refused unread must not leak into the next request.
    const req = http.request({ host: "127.0.0.1", port: PORTS.builtin, method, path: pathname, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An endless chunked upload (no Content-Length); how much was sent when the answer came. */
/**
 * The server answers 413 and closes while the client is still writing; on a busy machine the
 * client's next write can hit the closed socket (EPIPE, ECONNRESET) before Node has parsed the
 * answer that is already there, and the answer is lost with the request. The refusal was still
 * made, so such a run is tried again (three times at most) to read the answer.
 */
async function endlessUpload(pathname: string, limitBytes: number): Promise<{ status: number; sentBytes: number; ms: number; body: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await endlessUploadOnce(pathname, limitBytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== "EPIPE" && code !== "ECONNRESET")) throw e;
    }
  }
}

function endlessUploadOnce(pathname: string, limitBytes: number): Promise<{ status: number; sentBytes: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 32);
    const req = http.request({
      host: "127.0.0.1",
      port: PORTS.builtin,
      method: "POST",
      path: pathname,
      headers: { "content-type": "application/json" },
      agent: false,
    });
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.on("data", (d: Buffer) => (text += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, sentBytes: sent, ms: Date.now() - started, body: text });
        req.destroy();
      });
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < limitBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function sessionCount(request: import("@playwright/test").APIRequestContext): Promise<number> {
  return ((await (await request.get("/api/sessions")).json()) as { sessions: unknown[] }).sessions.length;
}

test.describe("cross-site writes", () => {
  const WRITES = ["/api/sessions", "/api/sessions/import", "/api/generate", "/api/critique", "/api/refine", "/engine/v1/chat/completions"];

  test("text/plain and form posts from another origin are 403; without JSON at all, 415", async ({ request }) => {
    const before = await sessionCount(request);
    for (const where of WRITES) {
      const textPlain = await raw("POST", where, { host: `127.0.0.1:${PORTS.builtin}`, origin: "https://evil.example", "content-type": "text/plain" }, SESSION);
      expect(textPlain.status, where).toBe(403);
      expect(textPlain.body, where).toMatch(/Cross-site request refused/);
      const form = await raw(
        "POST",
        where,
        {
          host: `127.0.0.1:${PORTS.builtin}`,
          origin: "https://evil.example",
          "sec-fetch-site": "cross-site",
          "content-type": "application/x-www-form-urlencoded",
        },
        "prompt=pwned",
      );
      expect(form.status, where).toBe(403);
      const noJson = await raw("POST", where, { host: `127.0.0.1:${PORTS.builtin}`, "content-type": "text/plain" }, SESSION);
      expect(noJson.status, where).toBe(415);
      expect(noJson.body, where).toMatch(/application\/json/);
    }
    expect(await sessionCount(request)).toBe(before);
  });

  test("a real page on another site cannot create a session, by form or by fetch", async ({ page, request }) => {
    const before = await sessionCount(request);
    const field = `${SESSION.slice(0, -1)},"pad":"`;
    await page.route("http://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><body>
          <script>fetch(${JSON.stringify(`${STUDIO}/api/sessions`)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(SESSION)} }).catch(() => {});</script>
          <form id="f" method="post" enctype="text/plain" action="${STUDIO}/api/sessions"><input name='${field}' value='"}'></form>
          <script>setTimeout(() => document.getElementById("f").submit(), 300);</script></body>`,
      }),
    );
    const answered = page.waitForResponse((r) => r.url() === `${STUDIO}/api/sessions` && r.request().method() === "POST" && r.request().isNavigationRequest());
    await page.goto("http://evil.example/attack");
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(await page.locator("body").innerText()).toMatch(/Cross-site request refused/);
    expect(await sessionCount(request)).toBe(before);
  });
});

test("a forged Host (DNS rebinding) is refused before any route runs, naming the setting", async () => {
  const forged = { host: `attacker.example:${PORTS.builtin}` };
  for (const [method, where, body] of [
    ["GET", "/api/sessions", undefined],
    ["GET", "/", undefined],
    ["GET", "/engine/v1/models", undefined],
    ["POST", "/api/generate", JSON.stringify({ prompt: "a kite" })],
    ["DELETE", "/api/sessions/00000000-0000-4000-8000-000000000000", undefined],
  ] as const) {
    const res = await raw(method, where, { ...forged, "content-type": "application/json" }, body);
    expect(res.status, `${method} ${where}`).toBe(421);
    expect(res.body, `${method} ${where}`).toContain("STUDIO_ALLOWED_HOSTS");
    expect(res.body).not.toContain('"sessions"');
  }
  // Loopback names and IP addresses still work.
  expect((await raw("GET", "/api/status", { host: `localhost:${PORTS.builtin}` })).status).toBe(200);
});

test("a 16000×16000 PNG bomb is refused from its header in well under a second, and the studio keeps answering", async ({ request }) => {
  const bomb = dataUrl(bombPng());
  const started = Date.now();
  const [refused, status] = await Promise.all([request.post("/api/critique", { data: { prompt: "a kite", png: bomb } }), request.get("/api/status")]);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(refused.status()).toBe(413);
  expect((await refused.json()).error.message).toBe("png is not an acceptable PNG: it is 16000×16000 pixels; the limit is 2048×2048");
  expect(status.status()).toBe(200);
  // The engine itself, asked directly, refuses it the same way.
  const engine = await request.post("/engine/v1/chat/completions", {
    data: {
      model: "introsvg-builtin",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "x" },
            { type: "image_url", image_url: { url: bomb } },
          ],
        },
      ],
    },
  });
  expect(engine.status()).toBe(413);
  expect((await engine.json()).message).toMatch(/16000×16000 pixels; the limit is 2048×2048/);
});

test("an endless chunked upload is refused as soon as it passes the cap, not read whole", async () => {
  const MB = 1024 * 1024;
  for (const [where, cap] of [
    ["/api/generate", 2 * MB],
    ["/engine/v1/chat/completions", 4 * MB],
    ["/api/sessions/import", 64 * MB],
  ] as const) {
    const result = await endlessUpload(where, 400 * MB);
    expect(result.status, where).toBe(413);
    expect(result.body, where).toMatch(/request body is larger than/);
    // A little past the cap (what sockets buffer), nowhere near the 400 MB on offer.
    expect(result.sentBytes, where).toBeLessThan(cap + 32 * MB);
  }
  expect((await raw("GET", "/api/status", { host: `127.0.0.1:${PORTS.builtin}` })).status).toBe(200);
});

test("the built-in engine sends no CORS wildcard and caps its body", async ({ request }) => {
  const models = await request.get("/engine/v1/models", { headers: { origin: "https://evil.example" } });
  expect(models.status()).toBe(200);
  expect(models.headers()["access-control-allow-origin"]).toBeUndefined();
  const preflight = await request.fetch("/engine/v1/chat/completions", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
  const declared = await raw("POST", "/engine/v1/chat/completions", {
    host: `127.0.0.1:${PORTS.builtin}`,
    "content-type": "application/json",
    "content-length": String(150 * 1024 * 1024),
  });
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body)).toMatchObject({ object: "error", code: 413, message: "The request body is larger than 4 MB." });
});

test("a drawing too costly to render fails its step at the engine's time limit, with a clear message, and the studio keeps answering", async ({ request }) => {
  test.setTimeout(60_000);
  // A few kB of masked, filtered layers: minutes of resvg work without a limit.
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><defs><filter id="f"><feMorphology radius="60"/></filter>' +
    '<mask id="m"><rect width="200" height="200" fill="white" filter="url(#f)"/></mask></defs>' +
    '<rect width="200" height="200" fill="red" mask="url(#m)" filter="url(#f)"/>'.repeat(400) +
    "</svg>";
  const started = Date.now();
  const refine = request.post("/api/refine", { data: { prompt: "a red kite", svg, critique: "Too small.", suggestions: "1. Scale it up." } });
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const t = Date.now();
    expect((await request.get("/api/sessions")).status()).toBe(200);
    latencies.push(Date.now() - t);
  }
  const response = await refine;
  expect(response.status()).toBe(200); // a step stream; the failure is its error part
  const text = await response.text();
  expect(text).toContain('"type":"data-stepError"');
  expect(text).toMatch(
    /The inference server answered 422: The built-in engine stopped working on this request after 10 s, its time limit \(ENGINE_TIME_LIMIT_MS\)/,
  );
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(Math.max(...latencies)).toBeLessThan(1000);
  // The next step gets a fresh worker.
  expect(await (await request.post("/api/generate", { data: { prompt: "a blue cup" } })).text()).toContain('"type":"data-stepEnd"');
});

// The refiner re-renders the draft it is given; resvg would read a local file named in an
// <image> and the answer would tell whether that file exists (lib/raster removes such references).
test("a draft with a local-file <image> is refined identically whether the file exists or not", async ({ request }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-oracle-"));
  const file = path.join(dir, "probe.png");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><image href="${file}" x="0" y="0" width="200" height="200"/><circle cx="100" cy="100" r="20" fill="blue"/></svg>`;
  const refine = async () => {
    const response = await request.post("/api/refine", {
      data: { prompt: "a blue circle", svg, critique: "The colour is off.", suggestions: "1. Recolour it blue.\n2. Scale it up." },
    });
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text).toContain('"type":"data-stepEnd"');
    return text
      .split("\n")
      .filter((l) => l.includes('"type":"text-delta"'))
      .map((l) => (JSON.parse(l.replace(/^data: /, "")) as { delta: string }).delta)
      .join("");
  };
  fs.writeFileSync(file, solidPng(200, 200, [255, 0, 0, 255]));
  const withFile = await refine();
  fs.rmSync(dir, { recursive: true });
  const withoutFile = await refine();
  expect(withFile).toMatch(/^<svg/);
  expect(withFile).toBe(withoutFile);
});
