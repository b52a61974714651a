import type { DetectionInfo } from './alert-builder.js';
import { recordMatch, type AlertSinkDeps, type RecordOutcome } from './alert-sink.js';
import type { DetectionMatch } from './detection-match.js';
import type { DetectionRule } from './rule-pack.js';
import { backfillCorrelation, searchCorrelation, searchSingleRule, toDetectionMatches, type TimeWindow } from './run-rule.js';

export type RunMode =
  /** A past window evaluated as if the rule had run all along (correlations slide across it). */
  | 'backfill'
  /** One scheduled run: single-event rules over the window, correlations over their timespan ending at `to`. */
  | 'live';

export function detectionInfo(rule: DetectionRule): DetectionInfo {
  return rule.kind === 'single'
    ? { kind: 'single', dataStreams: rule.compiled.index }
    : { kind: 'correlation', correlationType: rule.plan.type, groupBy: rule.plan.groupBy.map((group) => group.field), dataStreams: rule.plan.index };
}

async function findMatches(sink: AlertSinkDeps, rule: DetectionRule, window: TimeWindow, mode: RunMode): Promise<DetectionMatch[]> {
  if (rule.kind === 'single') return searchSingleRule(sink.es, rule, window);
  const { plan } = rule;
  const matches =
    mode === 'backfill'
      ? await backfillCorrelation(sink.es, plan, window, sink.dedupeWindowMs)
      : await searchCorrelation(sink.es, plan, { from: new Date(window.to.getTime() - plan.timespanMs), to: window.to });
  return toDetectionMatches(sink.es, plan, matches);
}

/** Runs one rule over one window and records what it matched as alerts (new ones are enqueued). */
export async function runRule(sink: AlertSinkDeps, rule: DetectionRule, window: TimeWindow, mode: RunMode, now: Date): Promise<RecordOutcome[]> {
  const matches = await findMatches(sink, rule, window, mode);
  const info = detectionInfo(rule);
  const outcomes: RecordOutcome[] = [];
  // In time order, so a later match of the same entity extends the alert the earlier one opened.
  for (const match of [...matches].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))) {
    outcomes.push(await recordMatch(sink, rule.meta, match, info, now));
  }
  return outcomes;
}
