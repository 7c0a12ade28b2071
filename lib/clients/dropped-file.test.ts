import { describe, expect, it } from "vitest";
import { droppedFileKind } from "./dropped-file";

describe("droppedFileKind", () => {
  it("takes an SVG by its type or its name as an import", () => {
    expect(droppedFileKind({ name: "icon.svg", type: "image/svg+xml" })).toBe("svg");
    expect(droppedFileKind({ name: "ICON.SVG", type: "" })).toBe("svg");
    expect(droppedFileKind({ name: "pasted", type: "image/svg+xml" })).toBe("svg");
  });

  it("takes a PNG, JPEG or WebP as the target picture", () => {
    expect(droppedFileKind({ name: "photo.png", type: "image/png" })).toBe("picture");
    expect(droppedFileKind({ name: "photo.jpg", type: "image/jpeg" })).toBe("picture");
    expect(droppedFileKind({ name: "image.webp", type: "image/webp" })).toBe("picture");
    expect(droppedFileKind({ name: "shot.JPEG", type: "" })).toBe("picture");
  });

  it("goes by the type before the name: an SVG named .png is still an SVG", () => {
    expect(droppedFileKind({ name: "drawing.png", type: "image/svg+xml" })).toBe("svg");
    expect(droppedFileKind({ name: "picture.svg", type: "image/png" })).toBe("picture");
  });

  it("leaves anything else to nobody", () => {
    expect(droppedFileKind({ name: "prompts.csv", type: "text/csv" })).toBe("other");
    expect(droppedFileKind({ name: "anim.gif", type: "image/gif" })).toBe("other");
    expect(droppedFileKind({ name: "notes", type: "" })).toBe("other");
  });
});
