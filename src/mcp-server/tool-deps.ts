import type { Organisation } from '../domain/organisation.js';
import type { EsClient } from '../store/es-client.js';
import type { IpEnricher } from './intel/ip-enricher.js';
import type { Log } from './stderr-log.js';

/** Everything a tool needs from outside; built once per process in `main.ts`, or by a test. */
export interface ToolDeps {
  es: EsClient;
  /** Index prefix of this deployment (alerts, organisation). */
  prefix: string;
  /** Namespace of the telemetry data streams. */
  namespace: string;
  runbooksDir: string;
  /** Byte budget of one response (structured content plus text). */
  responseBytes: number;
  /** Matches up to which `search_events` aggregates exactly; more are aggregated from a sample. */
  exactSearchEvents: number;
  enricher: IpEnricher;
  /** The organisation inventory; undefined when none is stored. Cached briefly by the caller. */
  organisation(): Promise<Organisation | undefined>;
  now(): Date;
  log: Log;
}
