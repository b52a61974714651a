import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { parseRegressionInfo, type RegressionInfo } from './regression-info.js';

/** One regression test: a rule and the recording it must match. */
export const RegressionSampleSchema = z.object({
  /** The folder holding `info.yml`, relative to the regression directory, with `/` separators. */
  folder: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string().optional(),
  /** The sample's JSON file, relative to the regression directory; absent when `info.yml` lists no test. */
  sampleFile: z.string().optional(),
  /** How many events of the sample the rule should match, when `info.yml` says. */
  expectedMatches: z.number().int().min(0).optional(),
});
export type RegressionSample = z.infer<typeof RegressionSampleSchema>;

/**
 * The samples of one `info.yml`: one per rule and test. SigmaHQ stores each recording converted to JSON beside
 * `info.yml`, under the recording's name with `.json` for `.evtx`; a test without a path names its file after
 * the rule id, as SigmaHQ does. A folder without tests still yields one sample per rule, without a file, so that
 * it is counted rather than silently dropped.
 */
export function samplesOfInfo(info: RegressionInfo, folder: string): RegressionSample[] {
  const tests = info.regression_tests_info ?? [];
  return info.rule_metadata.flatMap((rule) => {
    const base = { folder, ruleId: rule.id, ...(rule.title === undefined ? {} : { ruleTitle: rule.title }) };
    if (tests.length === 0) return [base];
    return tests.map((test) => {
      const recording = test.path === undefined ? `${rule.id}.json` : basename(test.path);
      const sampleName = `${basename(recording, extname(recording))}.json`;
      return {
        ...base,
        sampleFile: folder === '' ? sampleName : `${folder}/${sampleName}`,
        ...(test.match_count === undefined ? {} : { expectedMatches: test.match_count }),
      };
    });
  });
}

/** Every sample under `regressionDir` (each folder with an `info.yml`), in a stable order. */
export function listRegressionSamples(regressionDir: string): RegressionSample[] {
  return readdirSync(regressionDir, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => basename(path) === 'info.yml')
    .sort()
    .flatMap((path) => {
      const folder = dirname(path) === '.' ? '' : dirname(path);
      return samplesOfInfo(parseRegressionInfo(readFileSync(join(regressionDir, path), 'utf8'), join(regressionDir, path)), folder);
    });
}
