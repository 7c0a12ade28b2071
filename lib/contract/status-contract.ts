/** What GET /api/status answers: which engine, which models, and whether it answers. Never a key. */
export interface EngineDescription {
  kind: "builtin" | "remote";
  label: string;
  host: string;
}

/** One role of a profile (its generator or its critic): the model, where it runs, and whether that answers. */
export interface RoleStatus {
  /** The model the role will call; null when the server lists none. */
  model: string | null;
  /** The server's name in the profile setup ("default", "critic", …) and what it is. */
  server: string;
  engine: EngineDescription;
  /** The server answered GET /models and serves the model. */
  reachable: boolean;
  error?: string;
}

export interface ProfileStatus {
  id: string;
  label: string;
  description?: string;
  /** The generator takes a target picture (its profile has an image template); else it is text-only. */
  takesImage: boolean;
  generator: RoleStatus;
  /** null: the profile has no critic. */
  critic: RoleStatus | null;
  /** The server's rule (lib/profiles/resolve-run.ts): its runs are a single pass, a draft not judged. */
  singlePass: boolean;
}

export interface EngineStatus {
  /** The default server and the default profile's models (as before profiles). */
  engine: EngineDescription;
  reachable: boolean;
  model: string | null;
  criticModel: string | null;
  error?: string;
  /** Every profile, the default first among the built-ins' order; each server is asked once. */
  profiles: ProfileStatus[];
  defaultProfile: string;
}
