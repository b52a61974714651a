import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import { DataStreamFieldsSchema } from '../telemetry/ecs-common.js';
import { describeOptionIssues } from './eval-options.js';
import { EvalAnalystSchema } from './eval-result.js';

export const REAL_EVAL_USAGE = 'usage: npm run eval:real -- <folder or file> [--namespace n] [--analyst offline|claude] [--year yyyy] [--name name] [--out dir] [--keep] [--timeout-minutes n]';

export const RealEvalOptionsSchema = z.object({
  path: z.string().min(1),
  /** Data stream namespace to load into; a fresh one, deleted afterwards, when absent. A named one is left in place. */
  namespace: DataStreamFieldsSchema.shape.namespace.max(31).optional(),
  analyst: EvalAnalystSchema.default('offline'),
  /** Year of BSD syslog lines, which carry none. @defaultValue each file's modification year */
  year: z.coerce.number().int().min(1970).max(2999).optional(),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, { message: 'expected letters, digits, dot, dash or underscore' }).optional(),
  out: z.string().min(1).default('eval/results'),
  keep: z.boolean().default(false),
  timeoutMinutes: z.coerce.number().int().min(1).max(600).default(20),
});
export type RealEvalOptions = z.infer<typeof RealEvalOptionsSchema>;

/** The command line of `eval:real`; throws `INPUT_INVALID` naming the option and showing the usage. */
export function parseRealEvalArgs(args: readonly string[]): RealEvalOptions {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${err instanceof Error ? err.message : String(err)}\n${REAL_EVAL_USAGE}`, {}, { cause: err });
  }
  if (parsed.positionals.length !== 1) throw new SocAgentError('INPUT_INVALID', `expected one folder or file, got ${parsed.positionals.length}\n${REAL_EVAL_USAGE}`);
  const { values } = parsed;
  const options = RealEvalOptionsSchema.safeParse({
    path: parsed.positionals[0],
    namespace: values.namespace,
    analyst: values.analyst,
    year: values.year,
    name: values.name,
    out: values.out,
    keep: values.keep,
    timeoutMinutes: values['timeout-minutes'],
  });
  if (!options.success) throw new SocAgentError('INPUT_INVALID', `${describeOptionIssues(options.error.issues)}\n${REAL_EVAL_USAGE}`);
  return options.data;
}

function parseCommandLine(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      namespace: { type: 'string' },
      analyst: { type: 'string' },
      year: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      'timeout-minutes': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
}
