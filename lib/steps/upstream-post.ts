/**
 * One POST to the inference server, its answer read as text while it streams: the transport under
 * every step (chat-completions.ts). Over HTTP it is Node's own `http`/`https` client (a Node
 * stream body on the global keep-alive agent); a `fetch` given in the configuration (the
 * in-process built-in engine, tests) is used as it is.
 *
 * Why not fetch for HTTP: fetch hands each network read through a web ReadableStream, a promise
 * hop per chunk under Next's async hooks. Measured with 64 concurrent streams from the paced
 * fixture (24 characters every 10 ms), reading them cost 190–310 ms of CPU through fetch and
 * 87–97 ms through `http`; with fifty people streaming at once that difference is most of a
 * core on the server's main thread.
 */
import http from "node:http";
import https from "node:https";

export interface UpstreamAnswer {
  status: number;
  statusText: string;
  /** A response header, or null. */
  header(name: string): string | null;
  /** The whole body as text (for an error answer). */
  text(): Promise<string>;
  /** The body as text, piece by piece as the network delivers it. */
  chunks(): AsyncIterator<string>;
  /** Closes the connection (an early end: an error event, an abort); idempotent. */
  cancel(): void;
}

export interface UpstreamPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export function postUpstream(post: UpstreamPost, fetchImpl?: typeof globalThis.fetch): Promise<UpstreamAnswer> {
  return fetchImpl ? postWithFetch(post, fetchImpl) : postWithHttp(post);
}

function postWithHttp({ url, headers, body, signal }: UpstreamPost): Promise<UpstreamAnswer> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, signal },
      (response) => {
        response.setEncoding("utf8");
        response.on("error", () => undefined); // reported to whoever reads the body
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? http.STATUS_CODES[response.statusCode ?? 0] ?? "",
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          },
          text: async () => {
            let text = "";
            for await (const piece of response) text += piece as string;
            return text;
          },
          chunks: () => response[Symbol.asyncIterator]() as AsyncIterator<string>,
          cancel: () => {
            if (!response.complete) response.destroy();
          },
        });
      },
    );
    // `on`, not `once`: a socket error after the answer began must not go unhandled (the body's
    // reader sees it as the stream failing).
    request.on("error", reject);
    request.end(body);
  });
}

async function postWithFetch({ url, headers, body, signal }: UpstreamPost, fetchImpl: typeof globalThis.fetch): Promise<UpstreamAnswer> {
  const response = await fetchImpl(url, { method: "POST", headers, body, signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  return {
    status: response.status,
    statusText: response.statusText,
    header: (name) => response.headers.get(name),
    text: () => (reader ? readAll(reader, decoder) : Promise.resolve("")),
    chunks: () => ({
      next: async () => {
        const read = reader ? await reader.read() : { done: true as const };
        if (!read.done) return { done: false, value: decoder.decode(read.value, { stream: true }) };
        const rest = decoder.decode(); // a character cut by the end, once
        return rest ? { done: false, value: rest } : { done: true, value: undefined };
      },
    }),
    cancel: () => {
      reader?.cancel().catch(() => undefined);
    },
  };
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, decoder: TextDecoder): Promise<string> {
  let text = "";
  for (;;) {
    const read = await reader.read();
    if (read.done) return text + decoder.decode();
    text += decoder.decode(read.value, { stream: true });
  }
}
