import { strToU8, zipSync } from "fflate";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { PORTS } from "../playwright.config";
import { expect, loopStatus, round, test } from "./fixtures/studio-test";

/**
 * Image to SVG: a picture dropped on (or chosen in) the studio's "Image" input becomes the
 * session's target; InternSVG-8B gets it as an image_url part (the fixture upstream records
 * it), the built-in engine traces it, and every round shows its SSIM and PSNR with it. Refused
 * files say why and start nothing.
 */

/** A flat-colour icon as a PNG: a red disc and a green leaf on white. */
async function iconPng(size = 256): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32"><rect width="32" height="32" fill="#fff"/><circle cx="16" cy="18" r="11" fill="#f8312f"/><path d="M16 8 C18 3 23 3 24 4 C22 8 19 9 16 8 Z" fill="#00d26a"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Drops `bytes` as a file on the Image input's drop zone, as a person dragging it from their desktop. */
async function dropFile(page: Page, name: string, type: string, bytes: Buffer): Promise<void> {
  const zone = page.getByTestId("image-drop-zone");
  const transfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const raw = atob(base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { base64: bytes.toString("base64"), name, type },
  );
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

const MATCH = /SSIM (\d\.\d{3}) · PSNR (\d+\.\d) dB/;

async function matchOf(page: Page, n: number): Promise<{ ssim: number; psnr: number }> {
  const text = await round(page, n).getByLabel("Match with the target image").innerText();
  const m = MATCH.exec(text);
  if (!m) throw new Error(`no match in "${text}"`);
  return { ssim: Number(m[1]), psnr: Number(m[2]) };
}

test.describe("InternSVG-8B against the fixture upstream", () => {
  test.use({ baseURL: `http://127.0.0.1:${PORTS.faulty}` });

  test("a dropped PNG goes to the model as an image_url part; the round shows SSIM and PSNR", async ({ page, request }) => {
    await page.goto("/");
    await page.getByLabel("Profile", { exact: true }).selectOption({ label: "InternSVG-8B" });
    await expect(page.getByTestId("profile-hint")).toContainText("Takes an image: InternSVG-8B, Chat model");
    await dropFile(page, "apple.png", "image/png", await iconPng());
    await expect(page.getByRole("img", { name: "Target: apple.png" }).first()).toBeVisible();
    await expect(page.getByText("apple.png · 256×256")).toBeVisible();
    const marker = `image-e2e-${Date.now()}`;
    await page.getByLabel("Prompt", { exact: true }).fill(`a red apple ${marker}`);
    await page.getByRole("button", { name: "Generate" }).click();
    await expect(loopStatus(page)).toContainText("Done", { timeout: 30_000 });

    const { requests } = (await (await request.get(`http://127.0.0.1:${PORTS.fixture}/__images`)).json()) as {
      requests: { role: string; model: string; temperature: number; maxTokens: number; text: string; urlStart: string; urlLength: number }[];
    };
    const mine = requests.filter((r) => r.text.includes(marker));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ role: "generator", model: "fault-fixture-introsvg", temperature: 0, maxTokens: 4000 });
    expect(mine[0].text).toMatch(/^Generate the SVG code that reproduces the icon in this image\./);
    expect(mine[0].urlStart).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(mine[0].urlLength).toBeGreaterThan(1000);

    await expect(round(page, 1).getByLabel("Match with the target image")).toHaveText(MATCH);
    const { ssim, psnr } = await matchOf(page, 1);
    expect(ssim).toBeGreaterThan(-1);
    expect(ssim).toBeLessThan(1);
    expect(psnr).toBeGreaterThan(0);
    // No critic judges here: the best round is chosen by SSIM, and the panel says so.
    await expect(page.getByRole("region", { name: "Result" })).toContainText("closest match with the image (highest SSIM)");
  });
});

test.describe("the built-in engine, offline", () => {
  test("traces a chosen icon: the round matches the picture (SSIM ≥ 0.9, PSNR ≥ 20 dB)", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Profile", { exact: true }).selectOption({ label: "InternSVG-8B" });
    await page.getByLabel("Image", { exact: true }).setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: await iconPng() });
    await expect(page.getByText("icon.png · 256×256")).toBeVisible();
    // No description: the picture alone is enough to start.
    await page.getByLabel("Max refinements").fill("1");
    await page.getByRole("button", { name: "Generate" }).click();
    await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
    await expect(round(page, 1).getByLabel("Match with the target image")).toHaveText(MATCH, { timeout: 30_000 });
    const { ssim, psnr } = await matchOf(page, 1);
    expect(ssim).toBeGreaterThanOrEqual(0.9);
    expect(psnr).toBeGreaterThanOrEqual(20);
    // A critic judges on the built-in engine: the critic's score chooses.
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Best round: the critic's highest score.");
  });

  test("Difference puts a round against the target image, with its SSIM and PSNR", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Profile", { exact: true }).selectOption({ label: "InternSVG-8B" });
    await page.getByLabel("Image", { exact: true }).setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: await iconPng() });
    await page.getByLabel("Prompt", { exact: true }).fill("a red disc with a green leaf");
    // A threshold no round reaches: a draft and one refinement, so there are two rounds to compare.
    await page.getByLabel("Score threshold").fill("10");
    await page.getByLabel("Max refinements").fill("1");
    await page.getByRole("button", { name: "Generate" }).click();
    await expect(loopStatus(page)).toContainText("Done", { timeout: 60_000 });
    await expect(round(page, 2).getByLabel("Match with the target image")).toHaveText(MATCH, { timeout: 30_000 });

    await page.getByRole("button", { name: "Compare rounds" }).click();
    const dialog = page.getByRole("dialog", { name: "Compare rounds" });
    await dialog.getByRole("button", { name: "Difference" }).click();
    // Against the right round first, as for any session.
    await expect(dialog.getByRole("radio", { name: "Right round" })).toBeChecked();
    await expect(dialog.getByTestId("pixels-changed")).toBeVisible();
    await dialog.getByRole("radio", { name: "Target image" }).check();
    await expect(dialog.getByTestId("difference-match")).toBeVisible();
    const leftIndex = /round (\d+)/.exec((await dialog.getByTestId("difference-match").innerText()) ?? "")?.[1];
    await expect(dialog.getByRole("img", { name: `Pixels that differ between round ${leftIndex} and the target image` })).toBeVisible();
    await expect(dialog.getByTestId("pixels-changed")).toHaveText(/% of pixels changed/);
    await expect(dialog.getByTestId("difference-match")).toHaveText(
      new RegExp(`^round ${leftIndex} against the target: SSIM \\d\\.\\d{3} · PSNR \\d+\\.\\d dB$`),
    );
    // The figure is the round's own, as its card shows it.
    const card = (await round(page, Number(leftIndex)).getByLabel("Match with the target image").innerText()).match(MATCH)?.[0];
    await expect(dialog.getByTestId("difference-match")).toContainText(card ?? "no match on the card");
  });

  test("refuses, each with its message and nothing started: not an image, too many pixels, too many bytes, empty", async ({ page }) => {
    await page.goto("/");
    const input = page.getByLabel("Image", { exact: true });
    const alert = page.getByTestId("image-drop-zone").getByRole("alert");
    const generateButton = page.getByRole("button", { name: "Generate" });

    await input.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
    await expect(alert).toHaveText("“logo.png”: The file is not a PNG, JPEG or WebP image (whatever its name says).");

    const huge = await sharp({ create: { width: 2049, height: 16, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    await dropFile(page, "wide.png", "image/png", huge);
    await expect(alert).toHaveText("“wide.png”: The image is 2049×16 pixels; the limit is 2048×2048.");

    const big = Buffer.concat([
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
        .jpeg()
        .toBuffer(),
      Buffer.alloc(10 * 1024 * 1024),
    ]);
    await input.setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: big });
    await expect(alert).toHaveText("“photo.jpg”: The file is 10.0 MB; the limit is 10 MB.");

    await input.setInputFiles({ name: "empty.webp", mimeType: "image/webp", buffer: Buffer.alloc(0) });
    await expect(alert).toHaveText("“empty.webp”: The file is empty.");

    // Nothing was taken: no target, Generate still waits for a prompt or a picture, no round.
    await expect(page.getByRole("region", { name: "Target image" })).toHaveCount(0);
    await expect(generateButton).toBeDisabled();
    await expect(round(page, 1)).toHaveCount(0);
  });
});

test.describe("batch runs with an image column", () => {
  test("the page takes the CSV with its pictures and reports the mean SSIM", async ({ page }) => {
    await page.goto("/batch");
    const csv = Buffer.from("id,desc,image\ndisc,a red disc with a leaf,disc.png\nstar,a yellow star,\n");
    await page.getByLabel("Prompts CSV").setInputFiles([
      { name: "pictures.csv", mimeType: "text/csv", buffer: csv },
      { name: "disc.png", mimeType: "image/png", buffer: await iconPng() },
    ]);
    await expect(page.getByText("1 image", { exact: false })).toBeVisible();
    await page.getByLabel("Profile", { exact: true }).selectOption({ label: "InternSVG-8B" });
    await page.getByLabel("Max refinements").fill("0");
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page).toHaveURL(/\/batch\/[0-9a-f-]{36}$/);
    const progress = page.getByRole("progressbar", { name: "Batch progress" });
    await expect(progress).toHaveAttribute("aria-valuenow", "2", { timeout: 60_000 });
    const figure = page.getByText("Mean SSIM (image rows)").locator("..");
    await expect(figure).toContainText(/0\.9\d\d|1\.000/);
    await expect(page.getByText("Mean PSNR (image rows)")).toBeVisible();
  });

  test("the page takes one ZIP of the CSV and its pictures; each image item shows its SSIM and PSNR", async ({ page }) => {
    const zip = zipSync({
      "job/pictures.csv": strToU8("id,desc,image\ndisc,a red disc with a leaf,icons/disc.png\nstar,a yellow star,\n"),
      "job/icons/disc.png": new Uint8Array(await iconPng()),
      "__MACOSX/job/._pictures.csv": strToU8("resource fork"),
    });
    await page.goto("/batch");
    await page.getByLabel("Prompts CSV").setInputFiles({ name: "job.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
    // In the form: earlier jobs of the run may have the same name in the list beside it.
    await expect(page.getByRole("form", { name: "New batch" }).getByText("pictures.csv")).toBeVisible();
    await expect(page.getByText("1 image", { exact: false })).toBeVisible();
    await page.getByLabel("Profile", { exact: true }).selectOption({ label: "InternSVG-8B" });
    await page.getByLabel("Max refinements").fill("0");
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page).toHaveURL(/\/batch\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("progressbar", { name: "Batch progress" })).toHaveAttribute("aria-valuenow", "2", { timeout: 60_000 });
    const disc = page.getByRole("article", { name: "Item disc" });
    await expect(disc.getByLabel("Match with the picture")).toHaveText(MATCH);
    const ssim = Number(MATCH.exec(await disc.getByLabel("Match with the picture").innerText())?.[1]);
    expect(ssim).toBeGreaterThanOrEqual(0.9);
    // A text row has no picture to match.
    await expect(page.getByRole("article", { name: "Item star" }).getByLabel("Match with the picture")).toHaveCount(0);
  });

  test("a ZIP that is not one is refused with its reason, and nothing starts", async ({ page }) => {
    await page.goto("/batch");
    await page.getByLabel("Prompts CSV").setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("id,desc\n1,a cat\n") });
    await expect(page.getByRole("form", { name: "New batch" }).getByRole("alert")).toContainText("broken.zip is not a ZIP file that can be read");
    await expect(page.getByText("Fix the file and choose it again.")).toBeVisible();
  });

  test("a CSV whose image was not sent with it is refused, naming the row", async ({ page, consoleErrors }) => {
    await page.goto("/batch");
    await page
      .getByLabel("Prompts CSV")
      .setInputFiles({ name: "missing.csv", mimeType: "text/csv", buffer: Buffer.from("id,desc,image\nm1,a thing,gone.png\n") });
    await page.getByRole("button", { name: "Start batch" }).click();
    await expect(page.getByRole("form", { name: "New batch" }).getByRole("alert")).toContainText(
      "row 'm1': image 'gone.png' cannot be read (it was not sent with the CSV: add it to the files)",
    );
    // The 400 itself is the expected answer, not a page error.
    const unrelated = consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e));
    consoleErrors.splice(0, consoleErrors.length, ...unrelated);
  });
});
