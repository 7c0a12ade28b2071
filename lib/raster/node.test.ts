import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { rasterizeSvgNode, renderSvgPng } from "./node";
import { RasterError } from "./raster-contract";
import type { RasterizePort } from "../loop/loop-ports";
import { trainDirect } from "../../test/support/train-examples";

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const BLUE_SQUARE = `<path fill="#2F88FF" d="M40 40 L160 40 L160 160 L40 160 Z"/>`;

const pixels = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
const fromDataUrl = (url: string) => Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64");

/** How the promise settled: the error, or a failure when it resolved. */
async function rejection(promise: Promise<unknown>): Promise<RasterError> {
  try {
    await promise;
  } catch (e) {
    return e as RasterError;
  }
  throw new Error("expected a rejection");
}

describe("rasterizeSvgNode is the rasterize port in Node", () => {
  it("returns a 200×200 PNG data URL on white by default, the same bytes as renderSvgPng", async () => {
    const port: RasterizePort = rasterizeSvgNode;
    const svg = trainDirect()[0].assistant;
    const url = await port(svg);
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(fromDataUrl(url).equals(renderSvgPng(svg))).toBe(true);
    const img = pixels(fromDataUrl(url));
    expect([img.width, img.height]).toEqual([200, 200]);
    expect([...img.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it("takes the same options as the browser: size and a transparent background", async () => {
    const svg = `<svg ${NS} viewBox="0 0 200 200">${BLUE_SQUARE}</svg>`;
    const img = pixels(fromDataUrl(await rasterizeSvgNode(svg, { width: 100, height: 50, background: null })));
    expect([img.width, img.height]).toEqual([100, 50]);
    expect(img.data[3]).toBe(0); // corner: transparent
    const centre = (25 * 100 + 50) * 4;
    expect([...img.data.subarray(centre, centre + 4)]).toEqual([0x2f, 0x88, 0xff, 255]);
    await expect(rasterizeSvgNode(svg, { width: 0 })).rejects.toThrow(RasterError);
  });

  it("refuses invalid SVG with line and column, in both entry points", async () => {
    const svg = `<svg ${NS} viewBox="0 0 200 200">\n  <g>\n    ${BLUE_SQUARE}\n</svg>`;
    const error = await rejection(rasterizeSvgNode(svg));
    expect(error).toBeInstanceOf(RasterError);
    expect(error.message).toMatch(/^The SVG cannot be rendered: .+ \(line \d+, column \d+\)\.$/);
    expect(error.line).toBe(4);
    expect(() => renderSvgPng(svg)).toThrow(error.message);

    const entity = await rejection(rasterizeSvgNode(`<svg ${NS}>\n<text>a&nbsp;b</text></svg>`));
    expect([entity.line, entity.column]).toEqual([2, 8]);
    expect(entity.message).toContain("Undefined entity '&nbsp;'");
    await expect(rasterizeSvgNode("")).rejects.toThrow("The SVG cannot be rendered: The SVG is empty (line 1, column 1).");
    await expect(rasterizeSvgNode("<html><body/></html>")).rejects.toThrow(/root element is not <svg>/);
  });
});

describe("hostile SVG renders, and nothing is run or loaded", () => {
  let server: http.Server;
  const hits: string[] = [];
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("draws only the harmless parts, pixel for pixel the same as the clean drawing", async () => {
    const hostile =
      `<svg ${NS} ${XLINK} viewBox="0 0 200 200" onload="fetch('${origin}/onload')">` +
      `<script>fetch('${origin}/script')</script>` +
      `<style>@import url(${origin}/import.css); @import url(http://127.0.0.1:1/x.css);</style>` +
      `<style>path { fill: url(${origin}/fill.svg#g) }</style>` +
      `<image href="/etc/passwd" width="200" height="200"/>` +
      `<image xlink:href="file:///usr/share/pixmaps/debian-logo.png" width="200" height="200"/>` +
      `<image href="http://127.0.0.1:1/x.png" width="200" height="200"/>` +
      `<image href="${origin}/image.png" width="200" height="200"/>` +
      `<use href="${origin}/sprite.svg#a"/>` +
      `<filter id="f"><feImage href="${origin}/fe.png"/></filter>` +
      `<path fill="#2F88FF" d="M40 40 L160 40 L160 160 L40 160 Z" onclick="alert(1)" style="filter: url(${origin}/filter.svg#f)"/>` +
      `</svg>`;
    const clean = `<svg ${NS} viewBox="0 0 200 200">${BLUE_SQUARE}</svg>`;
    const png = fromDataUrl(await rasterizeSvgNode(hostile));
    expect(pixels(png).data.equals(pixels(renderSvgPng(clean)).data)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(hits).toEqual([]);
  });
});

describe("no file is read: a local <image> is not an oracle for the file's existence", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "raster-oracle-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("renders byte-identically whether or not the named PNG exists", async () => {
    const file = path.join(dir, "red.png");
    const red = new PNG({ width: 8, height: 8 });
    for (let i = 0; i < red.data.length; i += 4) red.data.set([255, 0, 0, 255], i);
    fs.writeFileSync(file, PNG.sync.write(red));

    const svg =
      `<svg ${NS} ${XLINK} viewBox="0 0 200 200">` +
      `<image href="${file}" x="0" y="0" width="100" height="100"/>` +
      `<image xlink:href="file://${file}" x="100" y="0" width="100" height="100"/>` +
      `<filter id="f" x="0" y="0" width="1" height="1"><feImage href="${file}"/></filter>` +
      `<rect x="0" y="100" width="100" height="100" filter="url(#f)"/>` +
      `${BLUE_SQUARE}</svg>`;

    const present = [renderSvgPng(svg), fromDataUrl(await rasterizeSvgNode(svg))];
    fs.rmSync(file);
    expect(fs.existsSync(file)).toBe(false);
    const absent = [renderSvgPng(svg), fromDataUrl(await rasterizeSvgNode(svg))];

    expect(present[0].equals(absent[0])).toBe(true);
    expect(present[1].equals(absent[1])).toBe(true);
    // And the file was not drawn while it existed: no red pixel anywhere.
    const img = pixels(present[0]);
    for (let i = 0; i < img.data.length; i += 4) {
      if (img.data[i] > 200 && img.data[i + 1] < 60 && img.data[i + 2] < 60) throw new Error(`red pixel at ${i / 4}`);
    }
  });
});

describe("text", () => {
  it("is drawn with the system's fonts (Chromium draws it too), and only text loads them", () => {
    const blank = pixels(renderSvgPng(`<svg ${NS} viewBox="0 0 200 200"/>`)).data;
    const text = pixels(renderSvgPng(`<svg ${NS} viewBox="0 0 200 200"><text x="20" y="120" font-size="60">Ag</text></svg>`)).data;
    expect(text.equals(blank)).toBe(false);
  });
});
