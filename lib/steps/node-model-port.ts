/**
 * The loop's model port for Node drivers (the CLI, batch jobs, tests): each step is a direct
 * runStep call, no HTTP hop through the studio. With the built-in engine configured in-process
 * (withInProcessEngine) no server runs at all.
 */
import type { ModelPort } from "../loop/loop-ports";
import type { InferenceConfig } from "./config";
import { runStep } from "./run-step";

export function createNodeModelPort(config: InferenceConfig): ModelPort {
  return {
    generate: (input, handlers, signal) => runStep(config, { role: "generate", ...input }, handlers, signal),
    refine: (input, handlers, signal) => runStep(config, { role: "refine", ...input }, handlers, signal),
    critique: (input, handlers, signal) => runStep(config, { role: "critique", ...input }, handlers, signal),
  };
}
