/**
 * What each profile sends, request by request, against a recording upstream: four
 * OpenAI-compatible servers (by path prefix on one node:http server) for IntroSVG, its critic on
 * a server of its own, InternSVG and a chat model. Model name, template text, sampling,
 * max_tokens, the image part only for the critic, and critic calls going to the critic's server.
 */
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DESIGNER_NOTES_CRITIQUE } from "../introsvg/designer-notes";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../introsvg/prompts";
import {
  CHAT_DRAFT_TEMPLATE,
  CHAT_REFINE_TEMPLATE,
  INTERNSVG_DRAFT_TEMPLATE,
  INTERNSVG_EDIT_TEMPLATE,
  INTERNSVG_IMAGE_TEMPLATE,
} from "../profiles/builtin-profiles";
import { fillTemplate } from "../introsvg/prompts";
import { readInferenceConfig } from "./config";
import { runStep } from "./run-step";
import type { StepInput } from "./step-calls";
import { clearModelCache } from "./upstream-models";
import { startRecordingServer, type RecordingServer } from "../../test/support/recording-server";

interface Seen {
  server: string;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown> | null;
}

const MODELS: Record<string, string[]> = {
  gen: ["IntroSVG-7B"],
  critic: ["IntroSVG-critic", "other"],
  internsvg: ["InternSVG"],
  chat: ["gpt-4o-mini", "gpt-4o"],
};

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#e53935" d="M40 40H160V160H40Z"/></svg>';
const CRITIQUE = '{"score": 7.5, "critique": "Fine.", "suggestions": "1. Centre it."}';
const PNG = "data:image/png;base64,iVBORw0KGgo=";
const PROMPT = "a red kite";

let server: RecordingServer;
let root: string;
let seen: Seen[] = [];

beforeAll(async () => {
  server = await startRecordingServer((req, res, body) => {
    const [, name, ...rest] = (req.url ?? "").split("/");
    const path = `/${rest.join("/")}`;
    seen.push({ server: name, method: req.method ?? "", path, headers: req.headers, body });
    if (path === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: (MODELS[name] ?? []).map((id) => ({ id, object: "model" })) }));
      return;
    }
    const isCritic = Array.isArray((body?.messages as { content: unknown }[] | undefined)?.[0]?.content);
    const text = isCritic ? CRITIQUE : name === "chat" ? `Here it is:\n\n\`\`\`svg\n${SVG}\n\`\`\`\nA red kite.` : SVG;
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = (delta: object, extra: object = {}) =>
      `data: ${JSON.stringify({ id: "1", object: "chat.completion.chunk", created: 1, model: body?.model, choices: [{ index: 0, delta, ...extra }] })}\n\n`;
    res.write(chunk({ role: "assistant", content: text }));
    res.write(chunk({}, { finish_reason: "stop" }));
    res.end("data: [DONE]\n\n");
  });
  root = server.origin;
});

afterAll(() => server.close());

beforeEach(() => {
  seen = [];
  clearModelCache();
});

/** Four servers: IntroSVG, its critic on its own server (with its own key), InternSVG and a chat model. */
function fourServers(extra: Record<string, string> = {}) {
  return readInferenceConfig({
    INFERENCE_BASE_URL: `${root}/gen/v1`,
    INFERENCE_API_KEY: "sk-gen",
    INFERENCE_MODEL: "IntroSVG-7B",
    INFERENCE_CRITIC_BASE_URL: `${root}/critic/v1`,
    INFERENCE_CRITIC_API_KEY: "sk-critic",
    INTERNSVG_BASE_URL: `${root}/internsvg/v1`,
    CHAT_BASE_URL: `${root}/chat/v1`,
    CHAT_API_KEY: "sk-chat",
    ...extra,
  });
}

async function run(config: ReturnType<typeof readInferenceConfig>, input: StepInput) {
  let text = "";
  let model = "";
  const result = await runStep(config, input, { onDelta: (d) => (text += d), onStart: (m) => (model = m) }, new AbortController().signal);
  const posts = seen.filter((s) => s.method === "POST");
  expect(posts).toHaveLength(result.ok || posts.length ? 1 : 0);
  return { result, text, model, post: posts[0] };
}

const generate = (profile?: string): StepInput => ({ role: "generate", prompt: PROMPT, ...(profile ? { profile } : {}) });
const refine = (profile: string, notes?: string): StepInput => ({
  role: "refine",
  prompt: PROMPT,
  svg: SVG,
  critique: "The kite is small.",
  suggestions: "1. Enlarge the kite.\n2. Centre it.",
  profile,
  ...(notes ? { notes } : {}),
});
const critique = (profile: string, final = false): StepInput => ({ role: "critique", prompt: PROMPT, png: PNG, final, profile });

function expectTextOnly(body: Record<string, unknown> | null, text: string) {
  expect(body?.messages).toEqual([{ role: "user", content: text }]);
}

function expectCriticRequest(post: Seen, sampling: { temperature: number; max_tokens: number }) {
  expect(post.server).toBe("critic");
  expect(post.headers.authorization).toBe("Bearer sk-critic");
  expect(post.body).toMatchObject({ model: "IntroSVG-critic", ...sampling, stream: true });
  expect(post.body).not.toHaveProperty("top_p");
  expect(post.body?.messages).toEqual([
    {
      role: "user",
      content: [
        { type: "text", text: buildCriticPrompt(PROMPT) },
        { type: "image_url", image_url: { url: PNG } },
      ],
    },
  ]);
}

describe("IntroSVG profile (the default): byte-exact, its critic on its own server", () => {
  it("drafts on the generator's server with the generator template and sampling; no profile means this one", async () => {
    for (const profile of [undefined, "intro-svg"]) {
      seen = [];
      const { result, post, model } = await run(fourServers(), generate(profile));
      expect(result.ok).toBe(true);
      expect(model).toBe("IntroSVG-7B");
      expect(post.server).toBe("gen");
      expect(post.headers.authorization).toBe("Bearer sk-gen");
      expect(post.body).toMatchObject({ model: "IntroSVG-7B", temperature: 0.5, top_p: 1, max_tokens: 6000 });
      expectTextOnly(post.body, buildGeneratorPrompt(PROMPT));
    }
  });

  it("refines with the byte-exact refiner template at 0.2 / 6000", async () => {
    const { post } = await run(fourServers(), refine("intro-svg"));
    expect(post.server).toBe("gen");
    expect(post.body).toMatchObject({ model: "IntroSVG-7B", temperature: 0.2, top_p: 1, max_tokens: 6000 });
    expectTextOnly(
      post.body,
      buildRefinerPrompt({ originPrompt: PROMPT, svg: SVG, critique: "The kite is small.", suggestions: "1. Enlarge the kite.\n2. Centre it." }),
    );
  });

  it("critiques on the critic's server, with its key and the first model it lists, text then image", async () => {
    const { result, post, model } = await run(fourServers(), critique("intro-svg"));
    expect(result.ok).toBe(true);
    expect(model).toBe("IntroSVG-critic");
    expectCriticRequest(post, { temperature: 0.1, max_tokens: 2048 });
    expect(seen.filter((s) => s.server === "gen")).toHaveLength(0);
  });

  it("the final critique runs at temperature 0; INFERENCE_CRITIC_MODEL names the critic's model", async () => {
    const { post } = await run(fourServers(), critique("intro-svg", true));
    expect(post.body).toMatchObject({ temperature: 0, max_tokens: 2048 });
    seen = [];
    const named = await run(fourServers({ INFERENCE_CRITIC_MODEL: "other" }), critique("intro-svg"));
    expect(named.post.body?.model).toBe("other");
    expect(seen.map((s) => s.method)).toEqual(["POST"]);
  });

  it("the designer's notes fill the refiner template: a fixed sentence as critique, the notes numbered as suggestions", async () => {
    const { post } = await run(fourServers(), refine("intro-svg", "Make it blue\n- bigger, please"));
    expectTextOnly(
      post.body,
      buildRefinerPrompt({ originPrompt: PROMPT, svg: SVG, critique: DESIGNER_NOTES_CRITIQUE, suggestions: "1. Make it blue\n2. bigger, please" }),
    );
    expect(post.body).toMatchObject({ temperature: 0.2, max_tokens: 6000 });
  });
});

describe("InternSVG-8B profile", () => {
  it("drafts on its own server as InternSVG at temperature 0 with max_tokens 4000, text only", async () => {
    const { result, post, model } = await run(fourServers(), generate("internsvg-8b"));
    expect(result.ok).toBe(true);
    expect(model).toBe("InternSVG");
    expect(post.server).toBe("internsvg");
    expect(post.headers.authorization).toBeUndefined();
    expect(post.body).toMatchObject({ model: "InternSVG", temperature: 0, max_tokens: 4000 });
    expect(post.body).not.toHaveProperty("top_p");
    const text = fillTemplate(INTERNSVG_DRAFT_TEMPLATE, { origin_prompt: PROMPT });
    expect(text.endsWith("Only output the svg code, no other text.")).toBe(true);
    expectTextOnly(post.body, text);
  });

  it("refines with its edit instruction (the SVG inside, ending in 'Only output the svg code, no other text.')", async () => {
    const { post } = await run(fourServers(), refine("internsvg-8b", "Use green"));
    const text = fillTemplate(INTERNSVG_EDIT_TEMPLATE, {
      origin_prompt: PROMPT,
      current_svg_content: SVG,
      critique: DESIGNER_NOTES_CRITIQUE,
      suggestions: "1. Use green",
    });
    expectTextOnly(post.body, text);
    expect(text).toContain(SVG);
    expect(text.endsWith("Only output the svg code, no other text.")).toBe(true);
    expect(post.body).toMatchObject({ model: "InternSVG", temperature: 0, max_tokens: 4000 });
  });

  it("is judged by the IntroSVG critic on the critic's server", async () => {
    const { post } = await run(fourServers(), critique("internsvg-8b"));
    expectCriticRequest(post, { temperature: 0.1, max_tokens: 2048 });
  });

  it("without a critic of its own it is a single pass: a critique is refused before any request", async () => {
    const config = readInferenceConfig({ INFERENCE_BASE_URL: `${root}/internsvg/v1` });
    expect(config.profiles?.profiles.find((p) => p.id === "internsvg-8b")?.critic).toBeNull();
    const { result } = await run(config, critique("internsvg-8b"));
    expect(result).toEqual({ ok: false, error: { code: "bad_request", message: 'The profile "InternSVG-8B" has no critic: its runs are a single pass.' } });
    expect(seen).toHaveLength(0);
  });
});

describe("Chat model profile", () => {
  it("drafts on the chat server with the first model it lists, asking for a ```svg code block", async () => {
    const { result, post, model, text } = await run(fourServers(), generate("chat"));
    expect(result.ok).toBe(true);
    expect(model).toBe("gpt-4o-mini");
    expect(post.server).toBe("chat");
    expect(post.headers.authorization).toBe("Bearer sk-chat");
    expect(post.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.5, max_tokens: 4096 });
    expectTextOnly(post.body, fillTemplate(CHAT_DRAFT_TEMPLATE, { origin_prompt: PROMPT }));
    expect(text).toContain("```svg");
  });

  it("refines with its chat template at 0.2 and is judged by IntroSVG on the critic's server", async () => {
    const { post } = await run(fourServers({ CHAT_MODEL: "gpt-4o" }), refine("chat"));
    expect(post.body).toMatchObject({ model: "gpt-4o", temperature: 0.2, max_tokens: 4096 });
    expectTextOnly(
      post.body,
      fillTemplate(CHAT_REFINE_TEMPLATE, {
        origin_prompt: PROMPT,
        current_svg_content: SVG,
        critique: "The kite is small.",
        suggestions: "1. Enlarge the kite.\n2. Centre it.",
      }),
    );
    seen = [];
    const judged = await run(fourServers(), critique("chat"));
    expectCriticRequest(judged.post, { temperature: 0.1, max_tokens: 2048 });
  });

  it("with no IntroSVG critic configured, the chat model judges its own drafts with IntroSVG's critic prompt", async () => {
    const config = readInferenceConfig({ INFERENCE_BASE_URL: `${root}/chat/v1`, CHAT_MODEL: "gpt-4o" });
    const { post } = await run(config, critique("chat"));
    expect(post.server).toBe("chat");
    expect(post.body).toMatchObject({ model: "gpt-4o", temperature: 0.1, max_tokens: 2048 });
    expect((post.body?.messages as { content: { type: string }[] }[])[0].content.map((p) => p.type)).toEqual(["text", "image_url"]);
  });
});

describe("profiles that do not exist", () => {
  it("an unknown profile is a config error naming the profiles there are, and sends nothing", async () => {
    const { result } = await run(fourServers(), generate("nope"));
    expect(result).toEqual({ ok: false, error: { code: "config", message: 'No profile "nope"; the studio has "intro-svg", "internsvg-8b", "chat".' } });
    expect(seen).toHaveLength(0);
  });
});

describe("image sessions: the target picture goes to generators that take one", () => {
  const TARGET = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

  it("InternSVG-8B drafts with its image instruction, then the picture as an image_url part, at temperature 0 / 4000", async () => {
    const { post } = await run(fourServers(), { role: "generate", prompt: PROMPT, image: TARGET, profile: "internsvg-8b" });
    expect(post.server).toBe("internsvg");
    expect(post.body).toMatchObject({ temperature: 0, max_tokens: 4000 });
    expect(post.body?.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: fillTemplate(INTERNSVG_IMAGE_TEMPLATE, { origin_prompt: PROMPT }) },
          { type: "image_url", image_url: { url: TARGET } },
        ],
      },
    ]);
  });

  it("its refinements carry the picture after the edit instruction", async () => {
    const { post } = await run(fourServers(), { ...refine("internsvg-8b"), image: TARGET } as StepInput);
    const content = (post.body?.messages as { content: { type: string; text?: string; image_url?: { url: string } }[] }[])[0].content;
    expect(content[0].text).toContain(SVG);
    expect(content[1]).toEqual({ type: "image_url", image_url: { url: TARGET } });
  });

  it("the Chat model takes the picture too", async () => {
    const chat = await run(fourServers(), { role: "generate", prompt: PROMPT, image: TARGET, profile: "chat" });
    expect((chat.post.body?.messages as { content: unknown[] }[])[0].content).toHaveLength(2);
  });

  it("IntroSVG's generator is text-only and gets its byte-exact prompt alone", async () => {
    const intro = await run(fourServers(), { role: "generate", prompt: PROMPT, image: TARGET, profile: "intro-svg" });
    expectTextOnly(intro.post.body, buildGeneratorPrompt(PROMPT));
  });
});
