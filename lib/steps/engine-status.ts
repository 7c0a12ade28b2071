/** What the status line shows: which engine, which models, and whether each profile's servers answer. */
import type { EngineStatus, ProfileStatus, RoleStatus } from "../contract/status-contract";
import { describeEngine, profileSetupOf, type InferenceConfig } from "./config";
import { StudioError } from "../http/errors";
import { listModels } from "./upstream-models";
import { connectionFor } from "./run-step";
import { resolveRun } from "../profiles/resolve-run";

type Probe = { ok: true; ids: string[] } | { ok: false; error: string };

function messageOf(e: unknown): string {
  return e instanceof StudioError ? e.message : (e as Error).message;
}

export async function readEngineStatus(config: InferenceConfig): Promise<EngineStatus> {
  const setup = profileSetupOf(config);
  // Each server is asked once, all at once: a server that is down never delays the others' answers.
  const probes = new Map<string, Promise<Probe>>();
  const probe = (server: string): Promise<Probe> => {
    let p = probes.get(server);
    if (!p) {
      p = listModels(connectionFor(config, { server })).then(
        (ids): Probe => ({ ok: true, ids }),
        (e): Probe => ({ ok: false, error: messageOf(e) }),
      );
      probes.set(server, p);
    }
    return p;
  };
  const role = async (spec: { server: string; model?: string }): Promise<RoleStatus> => {
    const connection = connectionFor(config, spec);
    const engine = describeEngine(connection);
    const result = await probe(spec.server);
    if (!result.ok) return { model: spec.model ?? null, server: spec.server, engine, reachable: false, error: result.error };
    const model = spec.model ?? result.ids[0] ?? null;
    if (!model) return { model: null, server: spec.server, engine, reachable: false, error: "The server lists no models; name one." };
    if (spec.model && result.ids.length > 0 && !result.ids.includes(spec.model)) {
      return {
        model,
        server: spec.server,
        engine,
        reachable: false,
        error: `The server at ${engine.host} does not serve "${spec.model}" (it lists ${result.ids.slice(0, 5).join(", ")}).`,
      };
    }
    return { model, server: spec.server, engine, reachable: true };
  };
  const profiles: ProfileStatus[] = await Promise.all(
    setup.profiles.map(async (p) => ({
      id: p.id,
      label: p.label,
      ...(p.description ? { description: p.description } : {}),
      takesImage: p.generator.imageTemplate !== undefined,
      generator: await role(p.generator),
      critic: p.critic ? await role(p.critic) : null,
      singlePass: resolveRun(setup, { profile: p.id, settings: {} }).settings.singlePass === true,
    })),
  );

  // The fields from before profiles: the default server and the default profile's models.
  const engine = describeEngine(config);
  const own = profiles.find((p) => p.id === setup.defaultProfileId) ?? profiles[0];
  const base = await probe("default");
  const model = own?.generator.server === "default" ? own.generator.model : (config.model ?? (base.ok ? (base.ids[0] ?? null) : null));
  const criticModel = own?.critic?.model ?? model;
  const common = { engine, profiles, defaultProfile: setup.defaultProfileId };
  if (!base.ok) return { ...common, reachable: false, model: config.model ?? null, criticModel: config.criticModel ?? config.model ?? null, error: base.error };
  if (!model) return { ...common, reachable: true, model: null, criticModel: null, error: "The server lists no models; set INFERENCE_MODEL." };
  return { ...common, reachable: true, model, criticModel };
}
