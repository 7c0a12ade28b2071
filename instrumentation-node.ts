/**
 * The studio server's start-up, Node.js only (see instrumentation.ts): says who may reach the
 * studio — warning when it listens on the network with no access token (README, "Sharing on a
 * network") — starts the metrics (GET /metrics), and starts the built-in engine's worker
 * process when a server uses the engine.
 */
import { ConfigError, profileSetupOf, readInferenceConfig } from "./lib/steps/config";
import { studioConfig } from "./lib/config/studio-config";
import { ACCESS_ENV, exposureWarning, listenAddressFromArgv } from "./lib/http/access";
import { warmAnswerProcess } from "./lib/engine/worker/answer-process";
import { studioRegistry } from "./lib/telemetry/prometheus";

export function registerNode(): void {
  const access = studioConfig().access;
  if (access.accessToken) console.log(`IntroSVG Studio asks for its access token (${ACCESS_ENV.accessToken}) on every page and route.`);
  if (access.allowedHosts.length) console.log(`IntroSVG Studio also answers to: ${access.allowedHosts.join(", ")} (${ACCESS_ENV.allowedHosts}).`);
  const warning = exposureWarning(listenAddressFromArgv(process.argv), access);
  if (warning) console.warn(warning);
  // The metrics count from the start (GET /metrics).
  studioRegistry();
  try {
    // The built-in engine computes in a worker process (bounded work); start it now.
    if (Object.values(profileSetupOf(readInferenceConfig()).servers).some((s) => s.engine === "builtin")) warmAnswerProcess();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
  }
}
