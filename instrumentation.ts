/**
 * Runs once when the studio server starts: validates the upstream settings so a typo in an
 * environment variable is reported at start-up, with the variable's name, not at the first
 * Generate; says which engine the studio will use; and says who may reach it — warning when it
 * listens on the network with no access token (README, "Sharing on a network").
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, describeEngine, readInferenceConfig, upstreamOrigin } = await import("./lib/steps/config");
  const { exposureWarning, listenAddressFromArgv, readAccessSettings, ACCESS_ENV } = await import("./lib/http/access");
  try {
    const config = readInferenceConfig();
    console.log(`IntroSVG Studio upstream: ${describeEngine(config).label} (${upstreamOrigin(config)})`);
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
