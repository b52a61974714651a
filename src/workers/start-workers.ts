import { loadRunbooks } from '../analyst/read-runbooks.js';
import type { Analyst } from '../analyst/analyst.js';
import type { Config } from '../config/env.js';
import { SocAgentError } from '../domain/errors.js';
import { FIRST_STEP, STEPS, type Step } from '../domain/step.js';
import type { PipelineMetrics } from '../observability/pipeline-metrics.js';
import { McpClient, localStdioConnection } from '../mcp-server/client.js';
import { ensureAlertIndex } from '../store/alert-store.js';
import type { EsClient } from '../store/es-client.js';
import { ensureInvestigationIndices } from '../store/investigation-store.js';
import { ensureReportIndex } from '../store/report-store.js';
import { chooseAnalyst } from './choose-analyst.js';
import { mcpEvidenceTools } from './mcp-evidence-tools.js';
import { startReconciler } from './reconciler.js';
import { startPipeline } from './step-worker.js';

export interface RunningWorkers {
  /** The evidence server the analyst uses: its subprocess and how often it was started again after a crash. */
  readonly mcp: Pick<McpClient, 'pid' | 'restarts'>;
  close(): Promise<void>;
}

export interface StartWorkersOptions {
  /** Steps this process works on. @defaultValue all six */
  steps?: readonly Step[];
  /**
   * The environment the MCP subprocess reads its configuration from; it must name the same prefix and namespace
   * as the config (a test with its own isolated config passes them here). @defaultValue process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where step durations and model usage are counted, for the process's `/metrics`. */
  metrics?: PipelineMetrics;
}

/**
 * The step workers with the configured analyst (Claude when a key is set, else offline), reaching evidence
 * through an MCP server subprocess. Shared by the workers process, `npm start` and the demo.
 */
export async function startWorkers(
  es: EsClient,
  config: Config,
  log: (entry: Record<string, unknown>) => void,
  options: StartWorkersOptions = {},
): Promise<RunningWorkers & { analyst: Analyst['name'] }> {
  const runbooks = loadRunbooks(config.mcp.runbooksDir);
  // A runbook that does not load would quietly send its alerts to the generic one and lower every verdict on
  // them: better not to start, naming the file and the field.
  if (runbooks.errors.length > 0) {
    throw new SocAgentError('RUNBOOK_INVALID', `runbooks that do not load: ${runbooks.errors.map((error) => error.message).join('; ')}`, { dir: config.mcp.runbooksDir });
  }
  if (runbooks.runbooks.length === 0) throw new SocAgentError('INPUT_INVALID', `no usable runbooks under ${config.mcp.runbooksDir}`);
  await ensureAlertIndex(es, config.prefix);
  await ensureInvestigationIndices(es, config.prefix);
  await ensureReportIndex(es, config.prefix);
  const mcp = await McpClient.connect({ connection: localStdioConnection(options.env), stderr: 'ignore' });
  const analyst = chooseAnalyst(config, mcpEvidenceTools(mcp, log), runbooks.runbooks);
  const pipeline = startPipeline({ es, config, handlers: analyst, log, ...(options.metrics ? { metrics: options.metrics } : {}) }, { ...(options.steps ? { steps: options.steps } : {}), concurrency: config.workers.concurrency, stepTimeoutMs: config.workers.stepTimeoutMs, attempts: config.workers.attempts });
  // One reconciler per process that works the first step, not one per step deployment: the queues are shared.
  const reconciler = (options.steps ?? STEPS).includes(FIRST_STEP)
    ? startReconciler({ es, config, queues: pipeline.queues, log }, { intervalMs: config.workers.reconcileIntervalMs, afterMs: config.workers.reconcileAfterMs })
    : undefined;
  return {
    analyst: analyst.name,
    mcp,
    async close() {
      await reconciler?.close();
      await pipeline.close();
      await mcp.close();
    },
  };
}
