/** What GET /api/status answers: which engine, which models, and whether it answers. Never a key. */
export interface EngineDescription {
  kind: "builtin" | "remote";
  label: string;
  host: string;
}

export interface EngineStatus {
  engine: EngineDescription;
  reachable: boolean;
  model: string | null;
  criticModel: string | null;
  error?: string;
}
