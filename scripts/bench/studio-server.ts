/** Starts the production build (`next start`) on a loopback port for the benchmark. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { childProcessEnv } from "../../lib/config/studio-config";

export interface Studio {
  url: string;
  /** The server's process (its peak memory is read from /proc). */
  pid?: number;
  stop: () => Promise<void>;
}

export function assertProductionBuild(): void {
  if (!fs.existsSync(".next/BUILD_ID")) {
    throw new Error("No production build: run `npm run build` first (the benchmark measures the build, it never makes one).");
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startStudio(env: Record<string, string>): Promise<Studio> {
  const port = await freePort();
  const child: ChildProcess = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: childProcessEnv({ NEXT_TELEMETRY_DISABLED: "1", ...env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited: ${stderr.slice(-500)}`);
    try {
      if ((await fetch(`${url}/api/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
