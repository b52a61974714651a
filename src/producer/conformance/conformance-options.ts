import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { describeError } from '../../telemetry/real/describe-error.js';
import { describeIssues } from '../../telemetry/real/map-outcome.js';

export const CONFORMANCE_USAGE = 'usage: npm run sigma:conformance -- <sigma-dir> [--json out.json] [--rules-only] [--min-match <percent>]';

export const ConformanceOptionsSchema = z.object({
  /** A SigmaHQ checkout: `rules*\/`, `spec/json-schema/`, and optionally `regression/`. */
  dir: z.string().min(1),
  /** Where to write every outcome as JSON. */
  json: z.string().min(1).optional(),
  /** Skip the regression samples, which need Elasticsearch. @defaultValue false */
  rulesOnly: z.boolean(),
  /**
   * Fail (exit 1) when fewer regression samples whose rule compiles are matched, in percent; for CI, so a
   * compiler or mapping change that loses detections does not pass unnoticed.
   */
  minMatch: z.coerce.number().min(0).max(100).optional(),
});
export type ConformanceOptions = z.infer<typeof ConformanceOptionsSchema>;

/** The command line of `sigma:conformance`; throws `INPUT_INVALID` with the usage line when it is wrong. */
export function parseConformanceArgs(args: readonly string[]): ConformanceOptions {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${describeError(err)}\n${CONFORMANCE_USAGE}`, {}, { cause: err });
  }
  if (parsed.positionals.length !== 1) {
    throw new SocAgentError('INPUT_INVALID', `expected one Sigma folder, got ${parsed.positionals.length}\n${CONFORMANCE_USAGE}`);
  }
  const options = ConformanceOptionsSchema.safeParse({
    dir: parsed.positionals[0],
    json: parsed.values.json,
    rulesOnly: parsed.values['rules-only'] ?? false,
    minMatch: parsed.values['min-match'],
  });
  if (!options.success) throw new SocAgentError('INPUT_INVALID', `${describeIssues(options.error.issues)}\n${CONFORMANCE_USAGE}`);
  if (options.data.rulesOnly && options.data.minMatch !== undefined) {
    throw new SocAgentError('INPUT_INVALID', `--min-match needs the regression samples, which --rules-only skips\n${CONFORMANCE_USAGE}`);
  }
  return options.data;
}

function parseCommandLine(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: { json: { type: 'string' }, 'rules-only': { type: 'boolean' }, 'min-match': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
}
