import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { describeIssues } from '../../telemetry/real/map-outcome.js';

/**
 * The `info.yml` of a SigmaHQ regression folder: which rule(s) the folder tests and, per test, the recording and
 * how many events of it the rule should match. Only the fields the conformance check reads are named; SigmaHQ's
 * other fields (description, date, author) pass through unread.
 */
export const RegressionInfoSchema = z.object({
  id: z.string().optional(),
  rule_metadata: z.array(z.object({ id: z.string().min(1), title: z.string().optional() })).min(1),
  // SigmaHQ comments the list out for recordings no test runner reads (a Cisco `.raw` capture), so it may be absent.
  regression_tests_info: z
    .array(
      z.object({
        name: z.string().optional(),
        type: z.string().optional(),
        provider: z.string().optional(),
        match_count: z.number().int().min(0).optional(),
        /** Path of the original recording in SigmaHQ's repository (`regression_data/…/<rule id>.evtx`). */
        path: z.string().optional(),
      }),
    )
    .nullish(),
});
export type RegressionInfo = z.infer<typeof RegressionInfoSchema>;

/** Reads one `info.yml`; throws `INPUT_INVALID` naming `origin` when it is not YAML or lacks what a test needs. */
export function parseRegressionInfo(text: string, origin: string): RegressionInfo {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${origin}: not valid YAML`, { origin }, { cause: err });
  }
  const parsed = RegressionInfoSchema.safeParse(raw);
  if (!parsed.success) throw new SocAgentError('INPUT_INVALID', `${origin}: ${describeIssues(parsed.error.issues)}`, { origin });
  return parsed.data;
}
