import { parseArgs } from 'node:util';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { STEPS, type Step } from '../domain/step.js';
import { createLogger, logTo } from '../observability/logger.js';
import { startOpsServer } from '../observability/ops-server.js';
import { PipelineMetrics } from '../observability/pipeline-metrics.js';
import { serverProbes } from '../observability/service-probes.js';
import { startTracing } from '../observability/tracing.js';
import { createEsClient } from '../store/es-client.js';
import { startWorkers } from './start-workers.js';

function parseSteps(value: string | undefined): Step[] {
  if (!value) return [...STEPS];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !STEPS.includes(name as Step));
  if (unknown.length > 0) throw new SocAgentError('INPUT_INVALID', `--steps: unknown step ${unknown.join(', ')}; steps are ${STEPS.join(', ')}`);
  return STEPS.filter((step) => names.includes(step));
}

/**
 * The step workers: all six in one process by default, or a chosen few (`--steps investigate,assess`) so each
 * step can be scaled on its own. The analyst reaches evidence through the MCP server, started as a subprocess.
 */
runMain(async (config) => {
  const { values } = parseArgs({ options: { steps: { type: 'string' } } });
  const steps = parseSteps(values.steps);
  const log = logTo(createLogger({ service: 'workers', level: config.logLevel }));
  const tracing = startTracing(config.tracing.endpoint, 'soc-agent-workers');
  const es = createEsClient(config.elasticsearch);
  const metrics = new PipelineMetrics();
  const workers = await startWorkers(es, config, log, { steps, metrics });
  const ops = await startOpsServer({ host: config.metrics.host, port: config.metrics.port, probes: serverProbes(config, es), registry: metrics.registry });
  log({ msg: 'workers started', steps, analyst: workers.analyst, ops: ops.url });

  const stop = async (): Promise<void> => {
    log({ msg: 'stopping: finishing the steps in progress' });
    await workers.close();
    await ops.close();
    await es.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
});
