import { describe, expect, it } from "vitest";
import { upstreamMessage } from "./upstream-message";

describe("upstreamMessage", () => {
  it("reads lmdeploy's flat error body", () => {
    const body = { message: "The model 'gpt-4' does not exist.", type: "invalid_request_error", code: 404, param: null, object: "error" };
    expect(upstreamMessage(body)).toBe("The model 'gpt-4' does not exist.");
  });

  it("reads the nested OpenAI / vLLM error body", () => {
    const body = { error: { message: "max_tokens must be at least 1", type: "BadRequestError", param: "max_tokens", code: 400 } };
    expect(upstreamMessage(body)).toBe("max_tokens must be at least 1");
  });

  it("reads the lmdeploy proxy's {error_code, text} with its code", () => {
    expect(upstreamMessage({ error_code: 10402, text: "Failed to get response after a period of time" })).toBe(
      "Failed to get response after a period of time (error_code 10402)",
    );
    expect(upstreamMessage({ text: "plain" })).toBe("plain");
  });

  it("reads a string error and FastAPI's detail", () => {
    expect(upstreamMessage({ error: "Unauthorized" })).toBe("Unauthorized");
    expect(upstreamMessage({ detail: "Not Found" })).toBe("Not Found");
  });

  it("prefers the nested message over other fields", () => {
    expect(upstreamMessage({ error: { message: "inner" }, message: "outer" })).toBe("inner");
  });

  it("returns undefined for anything else", () => {
    for (const body of [null, undefined, "oops", 42, [], {}, { error: { code: 1 } }, { message: 5 }]) {
      expect(upstreamMessage(body)).toBeUndefined();
    }
  });
});
