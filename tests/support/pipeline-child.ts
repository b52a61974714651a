/**
 * A step-worker process for crash tests: the real pipeline on the real servers, with scripted handlers that take
 * a moment per step so that a SIGKILL lands mid-step. Configured by the environment like any process.
 */
import { loadConfig } from '../../src/config/env.js';
import { createEsClient } from '../../src/store/es-client.js';
import { startPipeline } from '../../src/workers/step-worker.js';
import { scriptedHandlers } from './scripted-handlers.js';

const config = loadConfig();
const es = createEsClient(config.elasticsearch);
const slow = (ms: number) => async <T>(value: T): Promise<T> => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return value;
};
const base = scriptedHandlers();
startPipeline(
  {
    es,
    config,
    handlers: { ...base, investigate: async (investigation, context) => base.investigate(await slow(150)(investigation), context), assess: async (investigation, context) => base.assess(await slow(100)(investigation), context) },
    log: () => undefined,
  },
  // Short locks so the jobs of a killed worker are picked up again within seconds, not minutes; a live worker
  // renews its locks, so the step timeout can be generous enough for a loaded machine.
  { stepTimeoutMs: 15_000, lockDurationMs: 2_500, stalledIntervalMs: 1_000, attempts: 5 },
);
process.stdout.write('ready\n');
