import { describe, expect, it } from "vitest";
import { readBodyBytes, readBodyText } from "./body";
import { StudioError } from "./errors";

const CHUNK = 64 * 1024;

/** A chunked body with no length: an endless source that counts what it was asked for. */
function endlessBody(): { request: Request; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK));
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://127.0.0.1/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled, cancelled: () => cancelled };
}

describe("readBodyBytes", () => {
  it("returns the body under the cap, exactly the cap included", async () => {
    const exact = new Request("http://x/", { method: "POST", body: new Uint8Array(1000) });
    expect((await readBodyBytes(exact, 1000)).byteLength).toBe(1000);
    expect((await readBodyBytes(new Request("http://x/", { method: "POST" }), 10)).byteLength).toBe(0);
  });

  it("refuses a declared Content-Length over the cap without reading a byte", async () => {
    const source = endlessBody();
    const request = new Request(source.request, { headers: { "content-length": String(10 * 1024 * 1024) } });
    await expect(readBodyBytes(request, 1024 * 1024)).rejects.toMatchObject({
      code: "too_large",
      status: 413,
      message: "The request body is larger than 1 MB.",
    });
    expect(source.pulled()).toBeLessThanOrEqual(CHUNK * 2); // what the stream pre-fills, not what was read
  });

  it("refuses a chunked body as soon as the bytes that arrived pass the cap, not at its end", async () => {
    const source = endlessBody();
    const cap = 2 * 1024 * 1024;
    const e = await readBodyBytes(source.request, cap).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StudioError);
    expect(e).toMatchObject({ code: "too_large", message: "The request body is larger than 2 MB." });
    // An endless body: refused having read little more than the cap.
    expect(source.pulled()).toBeLessThanOrEqual(cap + 3 * CHUNK);
  });

  it("says caps under a megabyte in kB", async () => {
    const request = new Request("http://x/", { method: "POST", body: new Uint8Array(70 * 1024) });
    await expect(readBodyBytes(request, 64 * 1024)).rejects.toMatchObject({ message: "The request body is larger than 64 kB." });
  });
});

describe("readBodyText", () => {
  it("decodes UTF-8 and refuses bytes that are not", async () => {
    expect(await readBodyText(new Request("http://x/", { method: "POST", body: "héllo" }), 100)).toBe("héllo");
    await expect(readBodyText(new Request("http://x/", { method: "POST", body: new Uint8Array([0xff, 0xfe]) }), 100)).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});
