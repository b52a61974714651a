import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { DetectionMetrics } from '../observability/detection-metrics.js';
import { createLogger, logTo } from '../observability/logger.js';
import { startOpsServer } from '../observability/ops-server.js';
import { serverProbes } from '../observability/service-probes.js';
import { startTracing } from '../observability/tracing.js';
import { createEsClient } from '../store/es-client.js';
import { detectOnce } from './detect-once.js';
import { loadRulePack } from './load-rules.js';
import { startProducer } from './producer.js';

const DurationSchema = z
  .string()
  .regex(/^\d+[smhd]$/, { message: 'expected a duration such as 90m, 24h or 7d' })
  .transform((value) => Number(value.slice(0, -1)) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[value.slice(-1) as 's' | 'm' | 'h' | 'd']);

const ArgsSchema = z.object({
  once: z.boolean().default(false),
  lookback: DurationSchema.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

const say = (line: string): void => void process.stdout.write(`${line}\n`);

runMain(async (config) => {
  const { values } = parseArgs({ options: { once: { type: 'boolean' }, lookback: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SocAgentError('INPUT_INVALID', `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const args = parsed.data;
  const pack = loadRulePack(config.detection.rulesDir, config.namespace);
  for (const error of pack.errors) process.stderr.write(`rule error: ${error.message}\n`);
  if (pack.rules.length === 0) throw new SocAgentError('RULE_INVALID', `no usable rules under ${config.detection.rulesDir}`);
  const es = createEsClient(config.elasticsearch);

  if (!args.once) {
    const metrics = new DetectionMetrics();
    const log = logTo(createLogger({ service: 'producer', level: config.logLevel }));
    const tracing = startTracing(config.tracing.endpoint, 'soc-agent-producer');
    const producer = await startProducer({ es, config, rules: pack.rules, metrics, log });
    const ops = await startOpsServer({ host: config.metrics.host, port: config.metrics.port, probes: serverProbes(config, es), registry: metrics.registry });
    log({ msg: 'producer started', rules: pack.rules.length, interval_s: config.detection.intervalMs / 1000, ops: ops.url });
    const stop = async (): Promise<void> => {
      await producer.close();
      await ops.close();
      await es.close();
      await tracing.shutdown();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
    return;
  }

  const to = args.to ? new Date(args.to) : new Date();
  const from = args.from ? new Date(args.from) : new Date(to.getTime() - (args.lookback ?? 86_400_000));
  try {
    say(`detect: ${pack.rules.length} rules over ${from.toISOString()} → ${to.toISOString()}`);
    const reports = await detectOnce(es, config, pack.rules, { from, to }, ({ rule, outcomes, durationMs }) => {
      for (const { alert, outcome } of outcomes) {
        say(`  ${outcome === 'created' ? 'new    ' : 'updated'} ${alert.id}  ${alert.severity.padEnd(8)} ${rule.meta.title}  [${alert.entityKey}]  ${alert.matchedEventCount} events ${alert.firstSeen.slice(0, 19)}`);
      }
      if (outcomes.length === 0) say(`  (none)  ${rule.meta.title}  ${durationMs} ms`);
    });
    const outcomes = reports.flatMap((report) => report.outcomes);
    const created = outcomes.filter((outcome) => outcome.outcome === 'created').length;
    say(`${created} new alerts enqueued for investigation, ${outcomes.length - created} updated`);
    if (pack.errors.length > 0) throw new SocAgentError('RULE_INVALID', `${pack.errors.length} rule file(s) could not be loaded`);
  } finally {
    await es.close();
  }
});
