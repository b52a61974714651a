/**
 * Sigma conformance report: how much of a Sigma rule collection (SigmaHQ's layout) this project can run, and
 * whether the rules it compiles detect SigmaHQ's own true-positive samples.
 *
 *   npm run sigma:conformance -- ../shared/data/sigma [--json out.json] [--rules-only] [--min-match <percent>]
 *
 * Rules: every rule under `rules/` is validated against the JSON schemas in `spec/json-schema/` and compiled; each
 * lands in one outcome (see `rule-outcome.ts`). Regression: every sample under `regression/` (a folder with
 * `info.yml`) whose rule, found by id in any `rules*` folder, compiles is indexed into a namespace of its own and
 * searched with the compiled query (see `run-regression.ts`); that namespace is removed afterwards.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/env.js';
import { runMain } from '../config/run-main.js';
import { createEsClient, fetchElasticsearchHealth } from '../store/es-client.js';
import { parseConformanceArgs } from './conformance/conformance-options.js';
import { renderRegressionSummary, summarizeRegression, type RegressionSummary } from './conformance/regression-summary.js';
import { assessRuleFolder, indexRulesById, listRuleFolders } from './conformance/rule-collection.js';
import { loadSchemaValidators } from './conformance/rule-outcome.js';
import { renderSummary, summarizeOutcomes } from './conformance/rule-summary.js';
import { runRegression } from './conformance/run-regression.js';
import type { SampleOutcome } from './conformance/sample-outcome.js';

/** Namespace of the data streams the regression samples are indexed into, apart from any real telemetry. */
export const CONFORMANCE_NAMESPACE = 'sigmaconf';

async function main(config: Config, args: readonly string[]): Promise<void> {
  const options = parseConformanceArgs(args);
  const dir = resolve(options.dir);
  const validators = loadSchemaValidators(join(dir, 'spec', 'json-schema'));
  const rules = assessRuleFolder(join(dir, 'rules'), validators);
  const outcomes = rules.map((rule) => rule.outcome);
  const summary = summarizeOutcomes(outcomes);
  process.stdout.write(renderSummary(summary));

  const regressionDir = join(dir, 'regression');
  let regression: { summary: RegressionSummary; samples: SampleOutcome[] } | undefined;
  if (!options.rulesOnly && existsSync(regressionDir)) {
    // Samples of emerging-threat and threat-hunting rules name rules kept beside `rules/`; they count only here.
    const others = listRuleFolders(dir)
      .filter((name) => name !== 'rules')
      .flatMap((name) => assessRuleFolder(join(dir, name), validators));
    const es = createEsClient(config.elasticsearch);
    try {
      // One clear line when Elasticsearch is down, rather than a client stack trace from the first request.
      await fetchElasticsearchHealth(es, config.elasticsearch.url);
      const samples = await runRegression(es, {
        regressionDir,
        rules: indexRulesById([...rules, ...others]),
        namespace: CONFORMANCE_NAMESPACE,
        templatePrefix: `${config.prefix}-conformance`,
      });
      regression = { summary: summarizeRegression(samples), samples };
    } finally {
      await es.close();
    }
    process.stdout.write(`\n${renderRegressionSummary(regression.summary, regression.samples)}`);
  }

  if (options.json !== undefined) {
    writeFileSync(options.json, `${JSON.stringify({ summary, outcomes, regression }, null, 2)}\n`);
    process.stdout.write(`\nwrote ${options.json}\n`);
  }
  if (options.minMatch !== undefined) {
    const measured = regression?.summary.matchedPercentOfCompiled;
    if (measured === undefined || measured < options.minMatch) {
      const found = measured === undefined ? `no regression folder in ${dir}` : `regression matches ${measured}%`;
      process.stderr.write(`soc-agent: ${found}, below the required ${options.minMatch}%\n`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runMain((config) => main(config, process.argv.slice(2)));
}
