/**
 * The studio server's start-up checks (Node.js only; see instrumentation.ts): validates the
 * upstream settings so a typo in an environment variable is reported at start-up, with the
 * variable's name, not at the first Generate; says which engine the studio will use; and says
 * who may reach it — warning when it listens on the network with no access token (README,
 * "Sharing on a network").
 */
import { ConfigError, describeEngine, readInferenceConfig, upstreamOrigin } from "./lib/steps/config";
import { ACCESS_ENV, exposureWarning, listenAddressFromArgv, readAccessSettings } from "./lib/http/access";
import { warmAnswerProcess } from "./lib/engine/answer-process";

export function registerNode(): void {
  try {
    const config = readInferenceConfig();
    console.log(`IntroSVG Studio upstream: ${describeEngine(config).label} (${upstreamOrigin(config)})`);
    // The built-in engine computes in a worker process (bounded work); start it now.
    if (config.engine === "builtin") warmAnswerProcess();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`IntroSVG Studio configuration error: ${e.message}. The studio will answer every step with this error until it is fixed.`);
  }
  const access = readAccessSettings(process.env);
  if (access.accessToken) console.log(`IntroSVG Studio asks for its access token (${ACCESS_ENV.accessToken}) on every page and route.`);
  if (access.allowedHosts.length) console.log(`IntroSVG Studio also answers to: ${access.allowedHosts.join(", ")} (${ACCESS_ENV.allowedHosts}).`);
  const warning = exposureWarning(listenAddressFromArgv(process.argv), process.env);
  if (warning) console.warn(warning);
}
