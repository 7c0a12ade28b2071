/**
 * Start-up: instrumentation.ts's register() (what `next start` runs before it serves) stops the
 * studio on a bad profiles file with a message naming the field, and only reports a bad setting.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { register } from "../instrumentation";

const saved = { ...process.env };
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-profiles-"));
  process.env.NEXT_RUNTIME = "nodejs";
  delete process.env.INFERENCE_BASE_URL;
});

afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("start-up check (instrumentation register)", () => {
  it("a bad profiles file stops the start with the field named", async () => {
    const file = path.join(dir, "profiles.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        servers: [{ name: "gpu1", baseURL: "http://gpu1:23333/v1" }],
        profiles: [
          {
            id: "mine",
            label: "Mine",
            generator: {
              server: "gpu2",
              draftTemplate: "{origin_prompt}",
              refineTemplate: "{current_svg_content} {suggestions}",
              sampling: { draft: { temperature: 0, maxTokens: 10 }, refine: { temperature: 0, maxTokens: 10 } },
            },
            critic: null,
          },
        ],
      }),
    );
    process.env.STUDIO_PROFILES_FILE = file;
    vi.spyOn(console, "log").mockImplementation(() => {});
    const stop = vi.fn();
    await register({ stop });
    expect(stop).toHaveBeenCalledWith(`IntroSVG Studio cannot start: STUDIO_PROFILES_FILE (${file}): profiles[0].generator.server: no server named "gpu2"`);
  });

  it("a good file starts, and the log names the profiles", async () => {
    const file = path.join(dir, "profiles.json");
    fs.writeFileSync(file, JSON.stringify({ servers: [{ name: "local", baseURL: "builtin" }], defaultProfile: "chat" }));
    process.env.STUDIO_PROFILES_FILE = file;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const stop = vi.fn();
    await register({ stop });
    expect(stop).not.toHaveBeenCalled();
    expect(log.mock.calls.map((c) => c[0]).join("\n")).toContain("IntroSVG (intro-svg), InternSVG-8B (internsvg-8b), Chat model (chat, default) from");
  });

  it("a bad setting is reported, not fatal (the steps answer with it)", async () => {
    process.env.INFERENCE_TOP_K = "forty";
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await register();
    expect(error.mock.calls[0][0]).toContain("Invalid setting INFERENCE_TOP_K");
  });
});
