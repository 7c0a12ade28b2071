import { describe, expect, it } from "vitest";
import { StudioError } from "./errors";

describe("StudioError", () => {
  it("maps codes to HTTP statuses and becomes a JSON response", async () => {
    expect(new StudioError("bad_request", "x").status).toBe(400);
    expect(new StudioError("too_large", "x").status).toBe(413);
    expect(new StudioError("upstream:timeout", "x").status).toBe(504);
    expect(new StudioError("upstream:dropped", "x").status).toBe(502);
    const response = new StudioError("upstream:http", "The inference server answered 404.", 404).toResponse();
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: "upstream:http", message: "The inference server answered 404.", upstreamStatus: 404 } });
    expect(new StudioError("config", "bad").toJSON()).toEqual({ code: "config", message: "bad" });
  });
});
