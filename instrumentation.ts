/**
 * Runs once when the studio server starts: validates the upstream settings and the profiles so
 * a typo is reported at start-up, with the variable's or the field's name, not at the first
 * Generate; and says which engine and profiles the studio will use. A bad profiles file
 * (STUDIO_PROFILES_FILE) stops the start: register() throws with the message.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupConfig } = await import("./lib/steps/config");
  const { log, error } = checkStartupConfig();
  for (const line of log) console.log(line);
  if (error) console.error(error);
}
