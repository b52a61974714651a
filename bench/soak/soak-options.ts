import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SocAgentError } from '../../src/domain/errors.js';

export const SoakOptionsSchema = z.object({
  /** How long the service runs under load once every process is ready. */
  minutes: z.coerce.number().positive().max(24 * 60).default(10),
  /** Telemetry events per second the generator aims for. */
  rate: z.coerce.number().int().min(1).max(100_000).default(300),
  /** Size of the simulated organisation. */
  people: z.coerce.number().int().min(5).max(20_000).default(100),
  /** A scenario (and so, mostly, an alert) this often, in minutes. */
  'scenario-every': z.coerce.number().positive().max(60).default(0.25),
  /** How often the producer runs each rule, in seconds. */
  'detect-every': z.coerce.number().int().min(1).max(600).default(10),
  /** Seconds between samples. */
  'sample-every': z.coerce.number().min(1).max(60).default(5),
});
export type SoakOptions = z.infer<typeof SoakOptionsSchema>;

/** The soak's command line, validated; a bad value is an error naming its option. */
export function parseSoakOptions(args: readonly string[]): SoakOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...args], options: Object.fromEntries(Object.keys(SoakOptionsSchema.shape).map((key) => [key, { type: 'string' as const }])), strict: true }));
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${err instanceof Error ? err.message : String(err)}; options are ${Object.keys(SoakOptionsSchema.shape).map((key) => `--${key}`).join(', ')}`, {}, { cause: err });
  }
  const parsed = SoakOptionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SocAgentError('INPUT_INVALID', `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`, { field: issue?.path.join('.') });
  }
  return parsed.data;
}
