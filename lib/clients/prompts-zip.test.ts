import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { PromptsZipError, readPromptsZip } from "./prompts-zip";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe("readPromptsZip", () => {
  it("finds the CSV and the pictures in its folder, by paths relative to it; skips clutter and other files", () => {
    const zip = zipSync({
      "job/prompts.csv": strToU8("id,desc,image\na,a disc,disc.png\nb,a star,icons/star.webp\n"),
      "job/disc.png": PNG,
      "job/icons/star.webp": PNG,
      "job/notes.txt": strToU8("not a picture"),
      "job/.DS_Store": PNG,
      "__MACOSX/job/._disc.png": PNG,
      "elsewhere.png": PNG,
    });
    const read = readPromptsZip(zip, "job.zip");
    expect(read.csv.name).toBe("prompts.csv");
    expect(read.csv.text).toContain("a,a disc,disc.png");
    expect(read.pictures.map((p) => p.path).sort()).toEqual(["disc.png", "icons/star.webp"]);
    expect([...read.pictures[0].bytes]).toEqual([...PNG]);
  });

  it("takes the shallowest CSV and refuses two at the same depth, naming them", () => {
    const nested = zipSync({ "a.csv": strToU8("id,desc\n1,x\n"), "sub/b.csv": strToU8("id,desc\n2,y\n") });
    expect(readPromptsZip(nested).csv.name).toBe("a.csv");
    const two = zipSync({ "a.csv": strToU8("id,desc\n"), "b.csv": strToU8("id,desc\n") });
    expect(() => readPromptsZip(two, "two.zip")).toThrow("two.zip holds several CSV files (a.csv, b.csv): keep the one with the prompts.");
  });

  it("says what is wrong: empty, not a ZIP, no CSV, a picture over 10 MB", () => {
    expect(() => readPromptsZip(new Uint8Array(0), "e.zip")).toThrow("e.zip is empty.");
    expect(() => readPromptsZip(strToU8("id,desc\n1,a cat\n"), "p.zip")).toThrow(PromptsZipError);
    expect(() => readPromptsZip(strToU8("id,desc\n1,a cat\n"), "p.zip")).toThrow(/^p\.zip is not a ZIP file that can be read/);
    expect(() => readPromptsZip(zipSync({ "disc.png": PNG }), "n.zip")).toThrow("n.zip holds no CSV file: put the prompts CSV in it with its pictures.");
    // Zeros compress to almost nothing: the directory's size refuses it before anything inflates.
    const bomb = zipSync({ "p.csv": strToU8("id,desc,image\n1,x,big.png\n"), "big.png": new Uint8Array(11 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(100_000);
    expect(() => readPromptsZip(bomb)).toThrow("big.png is 11.0 MB; the limit is 10 MB.");
  });

  it("refuses a CSV that is not UTF-8", () => {
    const zip = zipSync({ "p.csv": new Uint8Array([0x69, 0x64, 0xff, 0xfe, 0x0a]) });
    expect(() => readPromptsZip(zip)).toThrow("p.csv is not UTF-8 text.");
  });
});
