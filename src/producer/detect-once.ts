import { Queue } from 'bullmq';
import type { Config } from '../config/env.js';
import { FIRST_STEP } from '../domain/step.js';
import { ensureAlertIndex } from '../store/alert-store.js';
import type { EsClient } from '../store/es-client.js';
import type { InvestigationRequest, RecordOutcome } from './alert-sink.js';
import { runRule } from './detector.js';
import type { DetectionRule } from './rule-pack.js';
import type { TimeWindow } from './run-rule.js';

/**
 * The first pipeline queue, as the producer adds to it: tries as every step (`STEP_ATTEMPTS`) with the same
 * backoff, and jobs kept a week so that a re-add is recognised as a duplicate.
 */
export function investigationQueue(config: Config): Queue<InvestigationRequest> {
  return new Queue<InvestigationRequest>(FIRST_STEP, {
    connection: { url: config.redis.url },
    prefix: config.queuePrefix,
    defaultJobOptions: { attempts: config.workers.attempts, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: false },
  });
}

export interface RuleRunReport {
  rule: DetectionRule;
  outcomes: RecordOutcome[];
  durationMs: number;
}

/** Every rule over one past window, as if it had run all along; new alerts are enqueued for investigation. */
export async function detectOnce(es: EsClient, config: Config, rules: readonly DetectionRule[], window: TimeWindow, onRule: (report: RuleRunReport) => void = () => undefined): Promise<RuleRunReport[]> {
  const queue = investigationQueue(config);
  try {
    await ensureAlertIndex(es, config.prefix);
    const sink = { es, prefix: config.prefix, queue, dedupeWindowMs: config.detection.dedupeWindowMs };
    const reports: RuleRunReport[] = [];
    for (const rule of rules) {
      const started = Date.now();
      const outcomes = await runRule(sink, rule, window, 'backfill', new Date());
      const report = { rule, outcomes, durationMs: Date.now() - started };
      onRule(report);
      reports.push(report);
    }
    return reports;
  } finally {
    await queue.close();
  }
}
