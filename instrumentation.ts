/**
 * Runs once when the studio server starts: validates the upstream settings so a typo in an
 * environment variable is reported at start-up, with the variable's name, not at the first
 * Generate; and says which engine the studio will use.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, describeEngine, readInferenceConfig } = await import("./lib/steps/config");
  try {
    const config = readInferenceConfig();
    console.log(`IntroSVG Studio upstream: ${describeEngine(config).label} (${config.baseURL})`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`IntroSVG Studio configuration error: ${e.message}. The studio will answer every step with this error until it is fixed.`);
  }
}
