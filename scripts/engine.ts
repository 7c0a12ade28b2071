/**
 * `npm run engine`: the built-in engine as a standalone OpenAI-compatible server, so any client
 * (the studio, the `openai` package, curl) can use it. Env: PORT (default 23333, like lmdeploy),
 * ENGINE_HOST (default 127.0.0.1), ENGINE_TOKENS_PER_SECOND (default 150; 0 = no pacing),
 * ENGINE_TIME_LIMIT_MS (default 15000), and the studio's access settings (STUDIO_ALLOWED_HOSTS,
 * STUDIO_ACCESS_TOKEN as a Bearer token).
 */
import { startEngineServer } from "../lib/engine/server/engine-server";
import { MODEL_ID } from "../lib/engine/protocol/openai-protocol";
import { resolveTokensPerSecond } from "../lib/engine/server/engine-handler";
import { resolveTimeLimitMs } from "../lib/engine/worker/answer-process";
import { exposureWarning } from "../lib/http/access";
import { studioConfig } from "../lib/config/studio-config";

async function main() {
  const config = studioConfig();
  const problem = config.problems.find((p) => p.variable.startsWith("ENGINE_") || p.variable === "PORT");
  if (problem) throw new Error(problem.message);
  const server = await startEngineServer();
  const tps = resolveTokensPerSecond();
  console.log(`IntroSVG built-in engine (offline stand-in, model "${MODEL_ID}") listening on ${server.url}/v1`);
  console.log(`  GET ${server.url}/v1/models · POST ${server.url}/v1/chat/completions · GET ${server.url}/health`);
  console.log(
    `  streaming at ${tps === 0 ? "full speed" : `${tps} tokens/s`} (ENGINE_TOKENS_PER_SECOND); ${resolveTimeLimitMs() / 1000} s of work at most per request (ENGINE_TIME_LIMIT_MS)`,
  );
  const warning = exposureWarning(config.engine.host, config.access, "The built-in engine", "use it");
  if (warning) console.warn(warning);
  const shutdown = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  console.error(`Could not start the built-in engine: ${(e as Error).message}`);
  process.exit(1);
});
