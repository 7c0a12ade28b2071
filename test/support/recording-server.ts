/**
 * A node:http server on a loopback port for tests of what the studio sends upstream: each
 * request's JSON body is read and parsed, then handed with the request and response to
 * `respond`, which records it and answers as the test needs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RespondWith = (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown> | null) => void | Promise<void>;

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

export async function startRecordingServer(respond: RespondWith): Promise<RecordingServer> {
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => void respond(req, res, raw ? (JSON.parse(raw) as Record<string, unknown>) : null));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
