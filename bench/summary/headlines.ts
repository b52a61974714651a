import { z } from 'zod';

/** One line of a benchmark's table in the summary: the figure, and what it is compared with in the same run. */
export interface HeadlineRow {
  figure: string;
  result: string;
  baseline: string;
  ratio: string;
}

const Latency = z.object({ p50: z.number(), p95: z.number() });
const ToolFigures = z.record(z.string(), z.object({ latencyMs: Latency }));

const IngestSchema = z.object({
  generator: z.object({ events: z.number(), seconds: z.number(), eventsPerSecond: z.number() }),
  sample: z.object({ oursEventsPerSecond: z.number(), rawBulkEventsPerSecond: z.number(), ratioToRawBulk: z.number(), target: z.number() }),
  endToEnd: z.object({ events: z.number(), failed: z.number(), seconds: z.number(), eventsPerSecond: z.number() }).nullable(),
});

const DetectSchema = z.object({
  parameters: z.object({ intervalMs: z.number() }),
  latency: z.object({ n: z.number(), p50: z.number(), p95: z.number(), ratioToInterval: z.number() }),
  ruleExecution: z.record(z.string(), z.object({ p50: z.number(), baselineP50: z.number(), ratio: z.number() })),
});

const McpSchema = z.object({
  parameters: z.object({ responseBudgetBytes: z.number() }),
  stdio: ToolFigures,
  http: ToolFigures,
  responseBytes: z.object({ calls: z.number(), p50: z.number(), p95: z.number(), max: z.number(), overBudget: z.number() }),
  largeIndex: z.object({ events: z.number(), searchEvents: ToolFigures, targetP95Ms: z.number(), variantsMeetingTarget: z.string() }).nullable(),
});

const PipelineSchema = z.object({
  parameters: z.object({ alerts: z.number(), investigations: z.number(), concurrency: z.number() }),
  inProcess: z.object({ investigationsPerSecond: z.number(), latencyMs: Latency }),
  queued: z.object({ investigationsPerSecond: z.number(), failed: z.number(), endToEndMs: Latency, stepTimeMs: Latency, handOverMs: Latency }),
  queueOverheadRatio: z.number(),
});

const RouteFigures = z.object({ requestsPerSecond: z.number(), p50Ms: z.number(), p99Ms: z.number(), ratioToTrivial: z.number() });
const ApiSchema = z.object({
  trivial: z.object({ meanRequestsPerSecond: z.number() }),
  reportById: RouteFigures,
  reportList: RouteFigures,
});

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Three significant digits at most, thousands as `k` and millions as `M`: figures to read, not to recompute. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} M`;
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} k`;
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

const n = formatNumber;

function ingestRows(result: z.infer<typeof IngestSchema>): HeadlineRow[] {
  const { sample, generator, endToEnd } = result;
  return [
    { figure: 'Our ingest path, same documents as the baseline', result: `${n(sample.oursEventsPerSecond)} events/s`, baseline: `raw \`_bulk\` ${n(sample.rawBulkEventsPerSecond)} events/s`, ratio: `${n(sample.ratioToRawBulk)} (target ≥ ${sample.target})` },
    { figure: 'Generator alone', result: `${n(generator.events)} events in ${generator.seconds} s (${n(generator.eventsPerSecond)}/s)`, baseline: '', ratio: '' },
    {
      figure: 'Generate and index end to end',
      result: endToEnd ? `${n(endToEnd.events)} events in ${endToEnd.seconds} s (${n(endToEnd.eventsPerSecond)}/s), ${endToEnd.failed} failed` : 'not run',
      baseline: '',
      ratio: '',
    },
  ];
}

function detectRows(result: z.infer<typeof DetectSchema>): HeadlineRow[] {
  const rules = Object.entries(result.ruleExecution);
  const slowest = rules.reduce<(typeof rules)[number] | undefined>((worst, entry) => (!worst || entry[1].p50 > worst[1].p50 ? entry : worst), undefined);
  return [
    {
      figure: `Event indexed → alert enqueued (${result.latency.n} scenarios)`,
      result: `p50 ${n(result.latency.p50)} ms, p95 ${n(result.latency.p95)} ms`,
      baseline: `run interval ${n(result.parameters.intervalMs)} ms`,
      ratio: `${n(result.latency.ratioToInterval)}× the interval (p50)`,
    },
    {
      figure: `Rule query, median over ${rules.length} rules`,
      result: `p50 ${n(median(rules.map(([, rule]) => rule.p50)))} ms`,
      baseline: `count over the same window: p50 ${n(median(rules.map(([, rule]) => rule.baselineP50)))} ms`,
      ratio: `${n(median(rules.map(([, rule]) => rule.ratio)))} (median)`,
    },
    ...(slowest ? [{ figure: 'Slowest rule query', result: `${slowest[0]}: p50 ${n(slowest[1].p50)} ms`, baseline: `count p50 ${n(slowest[1].baselineP50)} ms`, ratio: n(slowest[1].ratio) }] : []),
  ];
}

function mcpRows(result: z.infer<typeof McpSchema>): HeadlineRow[] {
  const medianOf = (figures: z.infer<typeof ToolFigures>, key: 'p50' | 'p95'): number => median(Object.values(figures).map((figure) => figure.latencyMs[key]));
  const tools = Object.keys(result.stdio).length;
  const stdioP50 = medianOf(result.stdio, 'p50');
  const httpP50 = medianOf(result.http, 'p50');
  const rows: HeadlineRow[] = [
    { figure: `Tool call over stdio, median of ${tools} calls`, result: `p50 ${n(stdioP50)} ms, p95 ${n(medianOf(result.stdio, 'p95'))} ms`, baseline: '', ratio: '' },
    { figure: `Tool call over HTTP, median of ${tools} calls`, result: `p50 ${n(httpP50)} ms, p95 ${n(medianOf(result.http, 'p95'))} ms`, baseline: `stdio p50 ${n(stdioP50)} ms`, ratio: `${n(httpP50 / stdioP50)}` },
    {
      figure: `Response size (${result.responseBytes.calls} responses)`,
      result: `p50 ${n(result.responseBytes.p50)} B, p95 ${n(result.responseBytes.p95)} B, max ${n(result.responseBytes.max)} B`,
      baseline: `budget ${n(result.parameters.responseBudgetBytes)} B`,
      ratio: `${result.responseBytes.overBudget} over budget`,
    },
  ];
  const large = result.largeIndex;
  rows.push(
    large
      ? {
          figure: `\`search_events\` on ${n(large.events)} events`,
          result: `p95 ${n(median(Object.values(large.searchEvents).map((figure) => figure.latencyMs.p95)))} ms (median of ${Object.keys(large.searchEvents).length} filters), worst ${n(Math.max(...Object.values(large.searchEvents).map((figure) => figure.latencyMs.p95)))} ms`,
          baseline: `target p95 ${large.targetP95Ms} ms`,
          ratio: `${large.variantsMeetingTarget} meet it`,
        }
      : { figure: '`search_events` on a ≥ 1 M-event index', result: 'not run', baseline: '', ratio: '' },
  );
  return rows;
}

function pipelineRows(result: z.infer<typeof PipelineSchema>): HeadlineRow[] {
  const { inProcess, queued } = result;
  return [
    {
      figure: `Investigations/s through the six queues (${result.parameters.investigations} investigations of ${result.parameters.alerts} alerts, ${result.parameters.concurrency} at a time)`,
      result: `${n(queued.investigationsPerSecond)}/s${queued.failed > 0 ? `, ${queued.failed} failed` : ''}`,
      baseline: `in-process, no queues ${n(inProcess.investigationsPerSecond)}/s`,
      ratio: `${n(result.queueOverheadRatio)} (queue overhead ratio)`,
    },
    { figure: 'Enqueued → report written, all enqueued at once', result: `p50 ${n(queued.endToEndMs.p50)} ms, p95 ${n(queued.endToEndMs.p95)} ms`, baseline: `in-process per investigation p50 ${n(inProcess.latencyMs.p50)} ms, p95 ${n(inProcess.latencyMs.p95)} ms`, ratio: '' },
    { figure: 'Per queued investigation: steps working / between steps', result: `p50 ${n(queued.stepTimeMs.p50)} ms / ${n(queued.handOverMs.p50)} ms`, baseline: '', ratio: '' },
  ];
}

function apiRows(result: z.infer<typeof ApiSchema>): HeadlineRow[] {
  const route = (figure: string, figures: z.infer<typeof RouteFigures>): HeadlineRow => ({
    figure,
    result: `${n(figures.requestsPerSecond)} req/s, p50 ${n(figures.p50Ms)} ms, p99 ${n(figures.p99Ms)} ms`,
    baseline: `\`GET /healthz\` ${n(result.trivial.meanRequestsPerSecond)} req/s`,
    ratio: n(figures.ratioToTrivial),
  });
  return [route('`GET /reports/:id`', result.reportById), route('`GET /reports`', result.reportList)];
}

const EXTRACTORS: Record<string, (json: unknown) => HeadlineRow[]> = {
  ingest: (json) => ingestRows(IngestSchema.parse(json)),
  detect: (json) => detectRows(DetectSchema.parse(json)),
  mcp: (json) => mcpRows(McpSchema.parse(json)),
  pipeline: (json) => pipelineRows(PipelineSchema.parse(json)),
  api: (json) => apiRows(ApiSchema.parse(json)),
};

/**
 * The headline figures of one benchmark's result file, each beside its same-run baseline. A file whose shape
 * is not the expected one yields a single row saying which field is missing, so the summary still renders.
 */
export function headlinesFor(benchmark: string, json: unknown): HeadlineRow[] {
  const extract = EXTRACTORS[benchmark];
  if (!extract) return [{ figure: 'result', result: `no headline figures defined for ${benchmark}`, baseline: '', ratio: '' }];
  try {
    return extract(json);
  } catch (err) {
    const issue = err instanceof z.ZodError ? err.issues[0] : undefined;
    const where = issue ? `\`${issue.path.join('.')}\`: ${issue.message}` : err instanceof Error ? err.message : String(err);
    return [{ figure: 'result', result: `not summarised, unexpected shape at ${where}`, baseline: '', ratio: '' }];
  }
}
