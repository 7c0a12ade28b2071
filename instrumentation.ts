/**
 * Runs once when the studio server starts: validates the upstream settings and the profiles so
 * a typo is reported at start-up, with the variable's or the field's name, not at the first
 * Generate; and says which engine and profiles the studio will use. A bad profiles file
 * (STUDIO_PROFILES_FILE) stops the server: `stop` (by default: print the message, exit 1).
 * Next.js only logs an error thrown here and goes on serving, so register does not throw.
 * Then it says who may reach the studio (instrumentation-node.ts).
 */
export async function register(options: { stop?: (message: string) => void } = {}): Promise<void> {
  // NEXT_RUNTIME is not a setting: Next inlines it into each bundle at build time, so it is read
  // here as written (a helper in lib/config would keep the Node-only code in the edge bundle).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupConfig, ProfilesFileError, stopStudio } = await import("./lib/steps/config");
  try {
    const { log, error } = checkStartupConfig();
    for (const line of log) console.log(line);
    if (error) console.error(error);
  } catch (e) {
    if (!(e instanceof ProfilesFileError)) throw e;
    (options.stop ?? stopStudio)(`IntroSVG Studio cannot start: ${e.message}`);
    return;
  }
  const { registerNode } = await import("./instrumentation-node");
  registerNode();
}
