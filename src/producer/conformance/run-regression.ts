import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SocAgentError } from '../../domain/errors.js';
import type { EsClient } from '../../store/es-client.js';
import { ingestEvents, installTelemetryTemplates } from '../../store/telemetry-store.js';
import { eventId } from '../../telemetry/event-id.js';
import { describeError } from '../../telemetry/real/describe-error.js';
import { parseJsonValues } from '../../telemetry/real/json-values.js';
import { fromSigmaRegressionEvent, mapSigmaRegressionFile } from '../../telemetry/real/sigma-regression.js';
import type { TelemetryEvent } from '../../telemetry/telemetry-event.js';
import type { CompiledRule } from '../sigma/index.js';
import type { Query } from '../sigma/query-dsl.js';
import { compileCollectedRule } from './compile-collected-rule.js';
import { explainMiss } from './miss-hint.js';
import type { CollectedRule } from './rule-collection.js';
import { listRegressionSamples, type RegressionSample } from './regression-sample.js';
import type { SampleOutcome } from './sample-outcome.js';

export type RegressionOptions = {
  /** The regression folder of a SigmaHQ checkout (`<dir>/regression`). */
  readonly regressionDir: string;
  /** Every rule of the collection by id, judged already. */
  readonly rules: ReadonlyMap<string, CollectedRule>;
  /** Namespace the samples are indexed into; its data streams are deleted before and after the run. */
  readonly namespace: string;
  /** Prefix of the index templates installed for that namespace, deleted after the run. */
  readonly templatePrefix: string;
};

/** A sample ready to search: its compiled rule and its documents. */
type TestableSample = { readonly outcome: SampleOutcome; readonly compiled: CompiledRule; readonly events: readonly TelemetryEvent[] };
type PreparedSample = { readonly outcome: SampleOutcome; readonly compiled?: undefined } | TestableSample;

/**
 * Indexes every regression sample whose rule compiles and runs the rule's query against that sample's own events,
 * so that one sample cannot make another's rule match. All samples go in one bulk request; then two small counts
 * per sample, and a few more to explain each miss.
 */
export async function runRegression(es: EsClient, options: RegressionOptions): Promise<SampleOutcome[]> {
  const prepared = listRegressionSamples(options.regressionDir).map((sample) => prepareSample(sample, options));
  // A crashed earlier run may have left documents behind; ids are per sample, but a clean start costs nothing.
  await removeConformanceData(es, options);
  try {
    await installTelemetryTemplates(es, options.templatePrefix, options.namespace);
    const events = prepared.flatMap((entry) => (entry.compiled === undefined ? [] : entry.events));
    const report = await ingestEvents(es, events, { namespace: options.namespace });
    if (report.failed > 0) {
      // A refused document would pass for a rule that does not match; it is a mapping bug to fix, not a figure.
      const [first] = report.failures;
      throw new SocAgentError('INGEST_FAILED', `Elasticsearch refused ${report.failed} regression documents, first: ${first?.reason ?? '?'}`, {
        failures: report.failures,
      });
    }
    const outcomes: SampleOutcome[] = [];
    for (const entry of prepared) outcomes.push(entry.compiled === undefined ? entry.outcome : await searchSample(es, entry));
    return outcomes;
  } finally {
    await removeConformanceData(es, options);
  }
}

async function searchSample(es: EsClient, sample: TestableSample): Promise<SampleOutcome> {
  const ids = sample.events.map((event) => event.event.id);
  const count = async (query: Query): Promise<number> => {
    const response = await es.count({
      index: sample.compiled.index,
      query: { bool: { filter: [query, { ids: { values: ids } }] } },
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    return response.count;
  };
  const hits = await count(sample.compiled.query);
  if (hits > 0) return { ...sample.outcome, outcome: 'matched', hits };
  return { ...sample.outcome, outcome: 'not_matched', hits, reason: await explainMiss(sample.compiled.query, count) };
}

async function removeConformanceData(es: EsClient, options: RegressionOptions): Promise<void> {
  await es.indices.deleteDataStream({ name: `logs-*-${options.namespace}` }, { ignore: [404] });
  await es.indices.deleteIndexTemplate({ name: `${options.templatePrefix}-logs-*-${options.namespace}` }, { ignore: [404] });
}

/** Everything about a sample that needs no Elasticsearch: the rule's fate, the compiled query, the documents. */
function prepareSample(sample: RegressionSample, options: RegressionOptions): PreparedSample {
  const rule = options.rules.get(sample.ruleId);
  if (rule === undefined) return { outcome: { ...sample, outcome: 'rule_not_in_set' } };
  const { outcome: judged } = rule;
  const base = { ...sample, ruleFile: judged.file, ...(judged.logsource === undefined ? {} : { logsource: judged.logsource }) };
  if (judged.outcome === 'unmapped_logsource') return { outcome: { ...base, outcome: 'rule_unmapped', reason: `log source ${judged.logsource ?? '?'}` } };
  if (judged.outcome !== 'compiled') {
    const reason = [judged.outcome, judged.feature, judged.message].filter((part) => part !== undefined).join(': ');
    return { outcome: { ...base, outcome: 'rule_unsupported', reason } };
  }
  let compiled: CompiledRule;
  try {
    compiled = compileCollectedRule(rule, { namespace: options.namespace });
  } catch (err) {
    return { outcome: { ...base, outcome: 'rule_unsupported', reason: describeError(err) } };
  }
  const path = sample.sampleFile === undefined ? undefined : join(options.regressionDir, sample.sampleFile);
  if (path === undefined || !existsSync(path)) {
    return { outcome: { ...base, outcome: 'sample_missing', reason: sample.sampleFile === undefined ? 'info.yml lists no test' : 'no such file' } };
  }
  let records: unknown[];
  let events: TelemetryEvent[];
  try {
    records = parseJsonValues(readFileSync(path, 'utf8'), path);
    events = mapSigmaRegressionFile(records, options.namespace, sample.sampleFile ?? path);
  } catch (err) {
    return { outcome: { ...base, outcome: 'sample_unmappable', reason: describeError(err) } };
  }
  if (events.length === 0) {
    return { outcome: { ...base, outcome: 'sample_unmappable', reason: `no collected channel among ${describeChannels(records)}` } };
  }
  return { outcome: { ...base, outcome: 'not_matched', events: events.length }, compiled, events: events.map((event) => ownedBy(event, sample)) };
}

/**
 * The event under an id of this sample's own: SigmaHQ reuses one recording for several rules, and two recordings
 * from one lab machine can share record numbers, which would otherwise make them one document.
 */
function ownedBy(event: TelemetryEvent, sample: RegressionSample): TelemetryEvent {
  // A copy with one field changed; spreading would lose which data stream's document this is to the type checker.
  const owned = structuredClone(event);
  owned.event.id = eventId('sigma-regression', sample.sampleFile ?? sample.folder, event.event.id);
  return owned;
}

function describeChannels(records: readonly unknown[]): string {
  const channels = new Set(
    records
      .flatMap((record): unknown[] => (Array.isArray(record) ? record : [record]))
      .map((record) => {
        const parsed = fromSigmaRegressionEvent(record);
        return 'error' in parsed ? '(unreadable)' : parsed.channel;
      }),
  );
  return [...channels].join(', ');
}
