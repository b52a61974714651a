import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the producer measures as it runs rules, for its own `/metrics`: how long each rule run takes, what it
 * raised, and how long after the first matched event an alert was raised (detection latency).
 */
export class DetectionMetrics {
  readonly registry: Registry;
  private readonly ruleRunDuration: Histogram<'rule'>;
  private readonly ruleRuns: Counter<'rule' | 'outcome'>;
  private readonly alerts: Counter<'rule' | 'outcome'>;
  private readonly latency: Histogram;

  constructor(registry = new Registry()) {
    this.registry = registry;
    collectDefaultMetrics({ register: registry, prefix: 'soc_agent_' });
    this.ruleRunDuration = new Histogram({
      name: 'soc_agent_producer_rule_run_duration_seconds',
      help: 'Duration of one scheduled run of one rule (queries, alert writes, enqueueing).',
      labelNames: ['rule'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.ruleRuns = new Counter({ name: 'soc_agent_producer_rule_runs_total', help: 'Scheduled rule runs, by outcome (ok, failed).', labelNames: ['rule', 'outcome'], registers: [registry] });
    this.alerts = new Counter({
      name: 'soc_agent_producer_alerts_total',
      help: 'Matches recorded as alerts: created (new alert, enqueued for investigation) or updated (deduplicated into an open one).',
      labelNames: ['rule', 'outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'soc_agent_producer_detection_latency_seconds',
      help: 'From the first matched event to the new alert being enqueued.',
      buckets: [1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
      registers: [registry],
    });
  }

  observeRun(rule: string, outcome: 'ok' | 'failed', durationMs: number): void {
    this.ruleRuns.inc({ rule, outcome });
    if (outcome === 'ok') this.ruleRunDuration.observe({ rule }, durationMs / 1000);
  }

  observeAlert(rule: string, outcome: 'created' | 'updated', firstSeen: string, now: Date): void {
    this.alerts.inc({ rule, outcome });
    if (outcome === 'created') this.latency.observe(Math.max(0, now.getTime() - Date.parse(firstSeen)) / 1000);
  }
}
