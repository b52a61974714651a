import { z } from 'zod';

const CountSchema = z.number().int().min(0);

/** One look at the running service, every few seconds of a soak. A figure that could not be read is null. */
export const SoakSampleSchema = z.object({
  at: z.iso.datetime(),
  /** Minutes since sampling began. */
  minutes: z.number().min(0),
  /** Jobs by queue and BullMQ state, from the API's `/metrics` (`soc_agent_queue_jobs`). */
  queues: z.record(z.string(), z.record(z.string(), CountSchema)).nullable(),
  /** Jobs waiting to be picked up, all queues together (waiting and prioritized). */
  backlog: CountSchema.nullable(),
  /** Resident memory of each process still running, MiB; a process's own subprocesses are summed apart. */
  rssMiB: z.record(z.string(), z.number().min(0)),
  /** Telemetry events indexed in the soak's namespace so far. */
  events: CountSchema.nullable(),
  alerts: CountSchema.nullable(),
  reports: CountSchema.nullable(),
  failedInvestigations: CountSchema.nullable(),
  /** Alert created → report written, for each report first seen in this sample. */
  reportLatenciesMs: z.array(z.number()),
});
export type SoakSample = z.infer<typeof SoakSampleSchema>;

/** A process that ended while the soak still needed it. */
export const ProcessDeathSchema = z.object({
  name: z.string(),
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  minutes: z.number(),
});
export type ProcessDeath = z.infer<typeof ProcessDeathSchema>;
