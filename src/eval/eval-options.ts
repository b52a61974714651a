import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SCENARIOS } from '../../generators/scenarios/catalogue.js';
import { SocAgentError } from '../domain/errors.js';
import { EvalAnalystSchema } from './eval-result.js';

export const EVAL_USAGE =
  'usage: npm run eval -- [--analyst offline|claude] [--seeds 1,2,3] [--scenarios type,type] [--people n] [--hours n] [--start ISO] [--name name] [--out dir] [--keep] [--id id] [--timeout-minutes n]';

/** Seeds name indices and namespaces, so they are short lowercase words. */
export const SeedSchema = z.string().regex(/^[a-z0-9]{1,8}$/, { message: 'expected 1–8 lowercase letters or digits' });

/** A Wednesday: the benign look-alikes then happen inside the working hours their ground truth describes. */
export const DEFAULT_START = '2026-11-18T00:00:00.000Z';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

export const EvalOptionsSchema = z.object({
  analyst: EvalAnalystSchema.default('offline'),
  seeds: list.pipe(z.array(SeedSchema).min(1, { message: 'expected at least one seed' })).default(['1', '2', '3']),
  /** Scenario types; clean twins of adversarial ones are added. All when absent. */
  scenarios: list
    .pipe(
      z.array(z.string()).min(1, { message: 'expected at least one scenario type' }).superRefine((types, ctx) => {
        for (const type of types) {
          if (!SCENARIOS.some((spec) => spec.type === type)) ctx.addIssue({ code: 'custom', message: `unknown scenario type "${type}"; known: ${SCENARIOS.map((spec) => spec.type).join(', ')}` });
        }
      }),
    )
    .optional(),
  /** Size of the simulated organisation. @defaultValue 20 */
  people: z.coerce.number().int().min(5).max(5_000).default(20),
  hours: z.coerce.number().int().min(1).max(168).default(24),
  start: z.iso.datetime().refine((value) => Date.parse(value) % 3_600_000 === 0, { message: 'expected a whole hour' }).default(DEFAULT_START),
  /** Folder name under `--out`; a timestamp and the analyst when absent. */
  name: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, { message: 'expected letters, digits, dot, dash or underscore' }).optional(),
  out: z.string().min(1).default('eval/results'),
  /** Keep the indices, data streams and queues afterwards, to look at the reports. @defaultValue false */
  keep: z.boolean().default(false),
  /** Part of every prefix and namespace of the run; random when absent. */
  id: z.string().regex(/^[a-z0-9]{1,13}$/, { message: 'expected 1–13 lowercase letters or digits' }).optional(),
  /** How long one seed's investigations may take before the run fails. @defaultValue 20 */
  timeoutMinutes: z.coerce.number().int().min(1).max(600).default(20),
});
export type EvalOptions = z.infer<typeof EvalOptionsSchema>;

const FLAGS: Readonly<Record<string, string>> = { timeoutMinutes: 'timeout-minutes' };

/** `--flag: message` for each issue, so a bad option is named as it was typed. */
export function describeOptionIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${key ? `--${FLAGS[key] ?? key}` : '(options)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Adversarial scenario types bring their clean twins: an injection is measured against its twin. */
export function withTwins(types: readonly string[]): string[] {
  const twins = types.flatMap((type) => SCENARIOS.find((spec) => spec.type === type)?.twinOf ?? []);
  return SCENARIOS.map((spec) => spec.type).filter((type) => types.includes(type) || twins.includes(type));
}

/** The command line of `eval`; throws `INPUT_INVALID` naming the option and showing the usage. */
export function parseEvalArgs(args: readonly string[]): EvalOptions {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${err instanceof Error ? err.message : String(err)}\n${EVAL_USAGE}`, {}, { cause: err });
  }
  const { values } = parsed;
  const options = EvalOptionsSchema.safeParse({
    analyst: values.analyst,
    seeds: values.seeds,
    scenarios: values.scenarios,
    people: values.people,
    hours: values.hours,
    start: values.start,
    name: values.name,
    out: values.out,
    keep: values.keep,
    id: values.id,
    timeoutMinutes: values['timeout-minutes'],
  });
  if (!options.success) throw new SocAgentError('INPUT_INVALID', `${describeOptionIssues(options.error.issues)}\n${EVAL_USAGE}`, { fields: options.error.issues.map((issue) => issue.path.join('.')) });
  return { ...options.data, ...(options.data.scenarios ? { scenarios: withTwins(options.data.scenarios) } : {}) };
}

function parseCommandLine(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      analyst: { type: 'string' },
      seeds: { type: 'string' },
      scenarios: { type: 'string' },
      people: { type: 'string' },
      hours: { type: 'string' },
      start: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      id: { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
    allowPositionals: false,
    strict: true,
  });
}
