import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, callApi, isWorthRetrying, statusOf } from "./api-call";

afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body?: unknown) =>
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
  );

describe("callApi", () => {
  it("returns the JSON answer, or nothing for a 204", async () => {
    answer(200, { ok: 1 });
    expect(await callApi("/api/x")).toEqual({ ok: 1 });
    answer(204);
    expect(await callApi("/api/x")).toBeUndefined();
  });

  it("throws the server's message with its status; a 4xx is not worth asking again, a 5xx is", async () => {
    answer(404, { error: { message: "No batch job 1." } });
    const missing = await callApi("/api/x").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as Error).message).toBe("No batch job 1.");
    expect(statusOf(missing)).toBe(404);
    expect(isWorthRetrying(missing)).toBe(false);
    answer(503, "not json");
    const busy = await callApi("/api/x").catch((e: unknown) => e);
    expect((busy as Error).message).toBe("The studio answered 503.");
    expect(isWorthRetrying(busy)).toBe(true);
  });

  it("says so when the studio does not answer, and passes an abort through as it is", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("fetch failed"))),
    );
    const down = await callApi("/api/x").catch((e: unknown) => e);
    expect((down as Error).message).toBe("The studio server did not answer.");
    expect(statusOf(down)).toBeNull();
    expect(isWorthRetrying(down)).toBe(true);
    const abort = new DOMException("aborted", "AbortError");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(abort)),
    );
    await expect(callApi("/api/x")).rejects.toBe(abort);
  });
});
