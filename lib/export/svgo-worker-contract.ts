/** The messages between the page and the SVGO worker (svgo-worker.ts). */
import type { Config } from "svgo";

export interface SvgoRequest {
  id: number;
  svg: string;
  config: Config;
}

export type SvgoResponse = { id: number; data: string } | { id: number; error: string };
