import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { StudioError } from "../http/errors";
import { critiqueRequestSchema, generateRequestSchema, refineRequestSchema } from "../contract/step-contract";
import { LIMITS } from "../http/limits";
import { parseStepRequest } from "./step-routes";
import { bombPng, dataUrl, paddedPng } from "../../test/support/png";

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request("http://studio.local/api/step", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

async function rejection<S extends z.ZodType>(body: unknown, schema: S): Promise<StudioError> {
  const request = post(typeof body === "string" ? body : JSON.stringify(body));
  try {
    await parseStepRequest(request, schema);
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error("the request was accepted");
}

async function expect400<S extends z.ZodType>(body: unknown, schema: S, message: RegExp): Promise<void> {
  const error = await rejection(body, schema);
  expect(error.code).toBe("bad_request");
  expect(error.status).toBe(400);
  expect(error.message).toMatch(message);
  const response = error.toResponse();
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: { code: "bad_request", message: error.message } });
}

async function expect413<S extends z.ZodType>(body: unknown, schema: S, message: RegExp): Promise<void> {
  const error = await rejection(body, schema);
  expect(error.code).toBe("too_large");
  expect(error.status).toBe(413);
  expect(error.message).toMatch(message);
}

/** A valid PNG data URL whose decoded file has `bytes` bytes (at least 200). */
function pngDataUrl(bytes: number): string {
  return dataUrl(paddedPng(Math.max(bytes, 200)));
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#fff" d="M0 0"/></svg>';

describe("parseStepRequest: generate", () => {
  it("accepts a prompt and trims it", async () => {
    expect(await parseStepRequest(post(JSON.stringify({ prompt: "  a red kite \n" })), generateRequestSchema)).toEqual({ prompt: "a red kite" });
  });

  it("400: wrong type, missing, empty, unknown field, invalid JSON, not an object", async () => {
    await expect400({ prompt: 42 }, generateRequestSchema, /^prompt: prompt must be a string$/);
    await expect400({}, generateRequestSchema, /^prompt: prompt must be a string$/);
    await expect400({ prompt: " \t " }, generateRequestSchema, /^prompt: prompt must not be empty$/);
    await expect400({ prompt: "a kite", temperature: 2 }, generateRequestSchema, /temperature/);
    await expect400('{"prompt": "a kite",', generateRequestSchema, /^The request body is not valid JSON\.$/);
    await expect400("", generateRequestSchema, /not valid JSON/);
    await expect400(["a kite"], generateRequestSchema, /.+/);
  });

  it(`413: a prompt longer than ${LIMITS.promptChars} characters; exactly the limit is accepted`, async () => {
    await expect(parseStepRequest(post(JSON.stringify({ prompt: "a".repeat(LIMITS.promptChars) })), generateRequestSchema)).resolves.toEqual({
      prompt: "a".repeat(LIMITS.promptChars),
    });
    await expect413({ prompt: "a".repeat(LIMITS.promptChars + 1) }, generateRequestSchema, /prompt is longer than 2000 characters/);
  });

  it("413: a body declared larger than the cap, before reading it", async () => {
    const request = post(JSON.stringify({ prompt: "a kite" }), { "content-length": String(LIMITS.bodyBytes + 1) });
    await expect(parseStepRequest(request, generateRequestSchema)).rejects.toMatchObject({ code: "too_large", status: 413 });
  });

  it("413: an actual body larger than the cap", async () => {
    await expect413({ prompt: "a kite", pad: "x".repeat(LIMITS.bodyBytes) }, generateRequestSchema, /request body is larger than 3 MB/);
  });
});

describe("parseStepRequest: critique", () => {
  it("accepts a PNG data URL, with and without final", async () => {
    const png = pngDataUrl(1000);
    expect(await parseStepRequest(post(JSON.stringify({ prompt: "a kite", png })), critiqueRequestSchema)).toEqual({ prompt: "a kite", png });
    expect(await parseStepRequest(post(JSON.stringify({ prompt: "a kite", png, final: true })), critiqueRequestSchema)).toEqual({
      prompt: "a kite",
      png,
      final: true,
    });
  });

  it("accepts a PNG of exactly 1 MB", async () => {
    const png = pngDataUrl(LIMITS.pngBytes);
    await expect(parseStepRequest(post(JSON.stringify({ prompt: "a kite", png })), critiqueRequestSchema)).resolves.toMatchObject({ png });
  });

  it("400: an http URL, another image type, broken base64, a wrong type for final", async () => {
    await expect400({ prompt: "a kite", png: "http://example.com/a.png" }, critiqueRequestSchema, /^png: png must be a data:image\/png;base64 URL$/);
    await expect400({ prompt: "a kite", png: "data:image/jpeg;base64,/9j/4AAQ" }, critiqueRequestSchema, /png must be a data:image\/png;base64 URL/);
    await expect400({ prompt: "a kite", png: "data:image/png;base64,iVBO Rw==" }, critiqueRequestSchema, /png must be a data:image\/png;base64 URL/);
    await expect400({ prompt: "a kite", png: pngDataUrl(10), final: "yes" }, critiqueRequestSchema, /^final: /);
    await expect400({ prompt: "a kite" }, critiqueRequestSchema, /^png: png must be a string$/);
    await expect400({ prompt: "a kite", png: pngDataUrl(10), svg: SVG }, critiqueRequestSchema, /svg/);
  });

  it("413: a PNG over 1 MB", async () => {
    await expect413({ prompt: "a kite", png: pngDataUrl(LIMITS.pngBytes + 64) }, critiqueRequestSchema, /png is larger than 1 MB/);
  });

  it("400: bytes that are not a PNG, or a broken one, though the URL says PNG", async () => {
    const fake = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]).toString("base64")}`;
    await expect400({ prompt: "a kite", png: fake }, critiqueRequestSchema, /^png: png is not an acceptable PNG: its first chunk is not IHDR$/);
    await expect400(
      { prompt: "a kite", png: `data:image/png;base64,${Buffer.from("GIF89a not a png at all, long enough to be read").toString("base64")}` },
      critiqueRequestSchema,
      /PNG signature/,
    );
    const cut = paddedPng(400).subarray(0, 300);
    await expect400({ prompt: "a kite", png: dataUrl(Buffer.from(cut)) }, critiqueRequestSchema, /runs past the end|truncated/);
  });

  it("413: a decompression bomb (16000×16000 in 250 kB) is refused from its header, fast", async () => {
    const bomb = dataUrl(bombPng());
    const started = performance.now();
    await expect413({ prompt: "a kite", png: bomb }, critiqueRequestSchema, /^png is not an acceptable PNG: it is 16000×16000 pixels; the limit is 2048×2048$/);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("parseStepRequest: refine", () => {
  const valid = { prompt: "a kite", svg: SVG, critique: "Too plain.", suggestions: "1. Add a tail." };

  it("accepts the four fields", async () => {
    expect(await parseStepRequest(post(JSON.stringify(valid)), refineRequestSchema)).toEqual(valid);
  });

  it("400: missing or mistyped fields name the field", async () => {
    await expect400({ ...valid, svg: "" }, refineRequestSchema, /^svg: svg must not be empty$/);
    await expect400({ ...valid, svg: 1 }, refineRequestSchema, /^svg: svg must be a string$/);
    await expect400({ prompt: "a kite", svg: SVG, critique: "x" }, refineRequestSchema, /^suggestions: /);
    await expect400({ ...valid, critique: ["x"] }, refineRequestSchema, /^critique: /);
    await expect400({ ...valid, png: pngDataUrl(10) }, refineRequestSchema, /png/);
  });

  it("413: an SVG over 512 kB counted in UTF-8 bytes, not characters", async () => {
    const pad = (n: number, ch: string) => SVG.replace("</svg>", `<desc>${ch.repeat(n)}</desc></svg>`);
    const room = LIMITS.svgBytes - new TextEncoder().encode(pad(0, "")).length;
    await expect(parseStepRequest(post(JSON.stringify({ ...valid, svg: pad(room, "a") })), refineRequestSchema)).resolves.toBeTruthy();
    await expect413({ ...valid, svg: pad(room + 1, "a") }, refineRequestSchema, /svg is larger than 512 kB/);
    // Fewer characters than the limit, more bytes: "é" is 2 bytes in UTF-8.
    await expect413({ ...valid, svg: pad(Math.ceil(room / 2) + 1, "é") }, refineRequestSchema, /svg is larger than 512 kB/);
  });

  it("413 wins over other problems in the same body", async () => {
    await expect413({ prompt: 5, svg: SVG.repeat(10_000), critique: "x", suggestions: "y" }, refineRequestSchema, /svg is larger/);
  });
});
