import { test as plainTest } from "@playwright/test";
import { ACCESS_TOKEN, PORTS } from "../playwright.config";
import { expect, generate, loopStatus, round, test } from "./fixtures/studio-test";

// A studio shared on a network with STUDIO_ACCESS_TOKEN: it asks for the token once, then
// works exactly as it does alone.
const SHARED = `http://127.0.0.1:${PORTS.token}`;
test.use({ baseURL: SHARED });

test.describe("the shared studio's API", () => {
  test("every route asks for the token; a Bearer token is accepted; a wrong one is not", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: SHARED });
    for (const where of ["/api/sessions", "/api/status", "/engine/v1/models"]) {
      const response = await anonymous.get(where);
      expect(response.status(), where).toBe(401);
      expect(await response.text(), where).toContain("STUDIO_ACCESS_TOKEN");
    }
    expect((await anonymous.post("/api/generate", { data: { prompt: "a kite" } })).status()).toBe(401);
    const page = await anonymous.get("/s/00000000-0000-4000-8000-000000000000?x=1", { maxRedirects: 0 });
    expect(page.status()).toBe(303);
    expect(page.headers().location).toBe("/sign-in?next=%2Fs%2F00000000-0000-4000-8000-000000000000%3Fx%3D1");

    const wrong = await anonymous.get("/api/sessions", { headers: { authorization: "Bearer not-the-token" } });
    expect(wrong.status()).toBe(401);
    const bearer = { authorization: `Bearer ${ACCESS_TOKEN}` };
    expect((await anonymous.get("/api/sessions", { headers: bearer })).status()).toBe(200);
    expect((await anonymous.get("/engine/v1/models", { headers: bearer })).status()).toBe(200);
    await anonymous.dispose();
  });
});

// Plain Playwright test: the wrong token's 401 is logged by the browser ("Failed to load
// resource"), and that one error is expected; any other fails the test.
plainTest(
  "signing in with the token: a wrong token is refused, the right one returns to the page asked for, and the studio works",
  async ({ page, context }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));

    // Straight to a page: the studio sends the user to sign in, remembering where they were going.
    await page.goto("/?from=link");
    await expect(page).toHaveURL(`${SHARED}/sign-in?next=%2F%3Ffrom%3Dlink`);
    await expect(page.getByRole("heading", { name: "IntroSVG Studio" })).toBeVisible();

    const field = page.getByLabel("Access token");
    await expect(field).toHaveAttribute("type", "password");
    await field.fill("not the token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("That is not this studio's access token.");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription("That is not this studio's access token.");
    expect(await context.cookies()).toEqual([]);
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]);
    errors.length = 0;

    await field.fill(ACCESS_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${SHARED}/?from=link`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: "introsvg_studio_session", httpOnly: true, sameSite: "Strict" });
    expect(cookie.value).not.toContain(ACCESS_TOKEN);

    // The studio as usual: a whole loop on the built-in engine, saved and listed.
    await expect(page.getByRole("status", { name: "Engine status" })).toContainText("Built-in engine");
    await generate(page, "a red kite");
    await expect(round(page, 1)).toBeVisible();
    await expect(loopStatus(page)).toContainText("Done", { timeout: 45_000 });
    const sessions = await page.request.get("/api/sessions");
    expect(sessions.status()).toBe(200);
    expect(((await sessions.json()) as { sessions: { prompt: string }[] }).sessions.map((s) => s.prompt)).toContain("a red kite");
    expect(errors, "console errors once signed in").toEqual([]);
  },
);
