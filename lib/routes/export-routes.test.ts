import { describe, expect, it } from "vitest";
import { handleRoute } from "../http/json-request";
import type { ReactComponentResponse } from "../contract/export-contract";
import { reactComponentRoute } from "./export-routes";

const post = (body: unknown) =>
  handleRoute(() =>
    reactComponentRoute(
      new Request("http://studio/api/export/react-component", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    ),
  );

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" onload="alert(1)"><script>alert(2)</script><circle cx="100" cy="100" r="80" fill="#E53935"/></svg>';

describe("POST /api/export/react-component", () => {
  it("answers the .tsx named from the prompt, sanitized", async () => {
    const response = await post({ svg: SVG, prompt: "a red ball", currentColor: true });
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReactComponentResponse;
    expect(body.name).toBe("RedBall");
    expect(body.replacedColour?.toLowerCase()).toBe("#e53935");
    expect(body.tsx).toContain("export const RedBall");
    expect(body.tsx).toContain("export default RedBall");
    expect(body.tsx).toContain("a red ball");
    expect(body.tsx).not.toMatch(/alert|onload|script/i);
  });

  it("refuses a malformed SVG and a bad request with a 400 that says why", async () => {
    const broken = await post({ svg: "<svg><g></svg>", prompt: "x" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/not well-formed/);
    expect((await post({ svg: SVG, prompt: "x", precision: 7 })).status).toBe(400);
  });
});
