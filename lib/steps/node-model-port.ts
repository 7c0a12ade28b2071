/**
 * The loop's model port for Node drivers (the CLI, batch jobs, tests): each step is a direct
 * runStep call, no HTTP hop through the studio. With the built-in engine configured in-process
 * (withInProcessEngine) no server runs at all.
 */
import { modelPortOf, type ModelPort } from "../loop/loop-ports";
import type { StepInput } from "./step-calls";
import type { InferenceConfig } from "./config";
import { runStep } from "./run-step";

export function createNodeModelPort(config: InferenceConfig): ModelPort {
  return modelPortOf((role, input, handlers, signal) => runStep(config, { role, ...input } as StepInput, handlers, signal));
}
