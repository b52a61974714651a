import { Gauge, type Registry } from 'prom-client';
import type { AlertTiming } from '../store/alert-timings.js';
import type { InvestigationFacts } from '../store/investigation-queries.js';
import { QUANTILES, summarisePipeline, type Distribution, type PipelineSnapshot } from './pipeline-snapshot.js';

/** How many of the newest investigations and alerts a scrape reads: bounded, so a scrape stays cheap. */
export const RECENT_SAMPLE = 500;

/** Where the figures come from; the API reads Redis and Elasticsearch, a test may pass anything. */
export interface PipelineSource {
  /** BullMQ job counts by state, per queue. */
  queueCounts(): Promise<ReadonlyArray<{ queue: string; counts: Readonly<Record<string, number>> }>>;
  recentInvestigations(): Promise<InvestigationFacts[]>;
  recentAlerts(): Promise<AlertTiming[]>;
}

/** One read of each source per scrape, however many gauges ask, and at most one a second whoever scrapes. */
function memoise<T>(read: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ttlMs) {
      const value = read();
      // A failure is kept for the same second too: every gauge of a scrape sees it, and the source is asked once.
      value.catch(() => undefined);
      last = { at: now, value };
    }
    return last.value;
  };
}

function setDistribution(gauge: Gauge<string>, distribution: Distribution, labels: Record<string, string> = {}): void {
  for (const q of QUANTILES) {
    const value = distribution.quantiles.get(q);
    if (value !== undefined) gauge.set({ ...labels, quantile: String(q) }, value);
  }
}

/**
 * Gauges computed when Prometheus scrapes: queue depths (live, from Redis) and figures of the newest
 * RECENT_SAMPLE investigations and alerts (from Elasticsearch). They describe a recent window, not totals since
 * start, so any API replica serves the same numbers. A source that fails leaves its gauges empty and
 * `soc_agent_metrics_source_up` says so.
 */
export function registerPipelineMetrics(registry: Registry, source: PipelineSource): void {
  const registers = [registry];
  const sample = `newest ${RECENT_SAMPLE}`;
  const queueCounts = memoise(() => source.queueCounts(), 1_000);
  const snapshot = memoise(async (): Promise<PipelineSnapshot> => summarisePipeline(...(await Promise.all([source.recentInvestigations(), source.recentAlerts()]))), 1_000);
  const readable = async (read: () => Promise<unknown>): Promise<number> => {
    try {
      await read();
      return 1;
    } catch {
      return 0;
    }
  };
  new Gauge({
    name: 'soc_agent_metrics_source_up',
    help: 'Whether this scrape could read the source (1) or not (0): redis for queue depths, elasticsearch for the recent figures.',
    labelNames: ['source'],
    registers,
    async collect() {
      this.set({ source: 'redis' }, await readable(queueCounts));
      this.set({ source: 'elasticsearch' }, await readable(snapshot));
    },
  });

  /** A gauge refilled at each scrape from the one snapshot of that scrape. */
  const snapshotGauge = (name: string, help: string, labelNames: string[], fill: (gauge: Gauge<string>, value: PipelineSnapshot) => void): void => {
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        this.reset();
        const value = await snapshot().catch(() => undefined);
        if (value) fill(this, value);
      },
    });
  };

  new Gauge({
    name: 'soc_agent_queue_jobs',
    help: 'Jobs in each queue (detect and the six steps) by state, read live from Redis.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      const queues = await queueCounts().catch(() => []);
      for (const { queue, counts } of queues) for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
    },
  });
  snapshotGauge('soc_agent_recent_sample_size', `How many investigations and alerts the recent figures rest on (at most the ${sample}).`, ['kind'], (gauge, value) => {
    gauge.set({ kind: 'investigations' }, value.investigations);
    gauge.set({ kind: 'alerts' }, value.alerts);
  });
  snapshotGauge('soc_agent_recent_step_duration_seconds', `Duration of one run of a step, quantiles over the step runs of the ${sample} investigations.`, ['step', 'quantile'], (gauge, value) =>
    value.stepDurations.forEach((distribution, step) => setDistribution(gauge, distribution, { step })),
  );
  snapshotGauge('soc_agent_recent_step_runs', `Step runs the duration quantiles rest on, in the ${sample} investigations.`, ['step'], (gauge, value) =>
    value.stepDurations.forEach((distribution, step) => gauge.set({ step }, distribution.count)),
  );
  snapshotGauge('soc_agent_recent_investigations', `The ${sample} investigations by status.`, ['status'], (gauge, value) => value.byStatus.forEach((count, status) => gauge.set({ status }, count)));
  snapshotGauge('soc_agent_recent_investigations_by_verdict', `The ${sample} investigations by the agent's verdict (none: no verdict).`, ['verdict'], (gauge, value) =>
    value.byVerdict.forEach((count, verdict) => gauge.set({ verdict }, count)),
  );
  snapshotGauge('soc_agent_recent_model_tokens', `Model tokens spent by the ${sample} investigations, by step and kind.`, ['step', 'kind'], (gauge, value) =>
    value.tokens.forEach((total) => gauge.set({ step: total.step, kind: total.kind }, total.tokens)),
  );
  snapshotGauge('soc_agent_recent_model_cost_usd', `Approximate model cost in US dollars of the ${sample} investigations, by step.`, ['step'], (gauge, value) => value.costUsd.forEach((usd, step) => gauge.set({ step }, usd)));
  snapshotGauge('soc_agent_recent_detection_latency_seconds', `Seconds from an alert's first matched event to the alert being raised, quantiles over the ${sample} alerts.`, ['quantile'], (gauge, value) =>
    setDistribution(gauge, value.detectionLatency),
  );
}
