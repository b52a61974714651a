import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { DataStreamFieldsSchema } from '../ecs-common.js';
import { describeError } from './describe-error.js';
import { describeIssues } from './map-outcome.js';

export const INGEST_REAL_USAGE = 'usage: npm run ingest:real -- <folder or file> [--namespace <namespace>] [--year <yyyy>]';

export const IngestRealOptionsSchema = z.object({
  /** Folder (walked recursively) or single file to load. */
  path: z.string().min(1),
  /** Namespace of the data streams. @defaultValue `SOC_NAMESPACE` */
  namespace: DataStreamFieldsSchema.shape.namespace,
  /** Year of BSD syslog lines. @defaultValue each file's modification year */
  year: z.coerce.number().int().min(1970).max(2999).optional(),
});
export type IngestRealOptions = z.infer<typeof IngestRealOptionsSchema>;

/** The command line of `ingest:real`; throws `INPUT_INVALID` with the usage line when it is wrong. */
export function parseIngestRealArgs(args: readonly string[], defaults: { namespace: string }): IngestRealOptions {
  let parsedArgs: ReturnType<typeof parseCommandLine>;
  try {
    parsedArgs = parseCommandLine(args);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${describeError(err)}\n${INGEST_REAL_USAGE}`, {}, { cause: err });
  }
  if (parsedArgs.positionals.length !== 1) {
    throw new SocAgentError('INPUT_INVALID', `expected one folder or file, got ${parsedArgs.positionals.length}\n${INGEST_REAL_USAGE}`);
  }
  const options = IngestRealOptionsSchema.safeParse({
    path: parsedArgs.positionals[0],
    namespace: parsedArgs.values.namespace ?? defaults.namespace,
    year: parsedArgs.values.year,
  });
  if (!options.success) throw new SocAgentError('INPUT_INVALID', `${describeIssues(options.error.issues)}\n${INGEST_REAL_USAGE}`);
  return options.data;
}

function parseCommandLine(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: { namespace: { type: 'string' }, year: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
}
