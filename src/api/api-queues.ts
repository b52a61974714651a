import { Queue } from 'bullmq';
import type { Config } from '../config/env.js';
import { STEPS, type Step } from '../domain/step.js';
import { DETECT_QUEUE } from '../producer/producer.js';
import { pipelineQueues, type StepJob } from '../workers/step-worker.js';

/** The queues the API shows and feeds: the producer's detection runs and the six investigation steps. */
export interface ApiQueues {
  detect: Queue;
  steps: Record<Step, Queue<StepJob>>;
  /** Detection first, then the steps in pipeline order. */
  all: readonly Queue[];
  close(): Promise<void>;
}

/** What each queue holds, as Bull Board shows it. */
export const QUEUE_DESCRIPTIONS: Record<string, string> = {
  [DETECT_QUEUE]: 'Scheduled detection: one repeating job per Sigma rule, each run queries a time window and raises alerts',
  classify: 'Step 1: what kind of attack the alert looks like (new alerts and re-runs enter here)',
  select_runbook: 'Step 2: which runbook the investigation follows',
  investigate: 'Step 3: evidence gathered through the MCP server\'s tools',
  assess: 'Step 4: the verdict, scored from the runbook\'s signals',
  summarize: 'Step 5: headline, narrative and key findings',
  respond: 'Step 6: allowed response actions and the report, written once',
};

export function openApiQueues(config: Config): ApiQueues {
  const detect = new Queue(DETECT_QUEUE, { connection: { url: config.redis.url }, prefix: config.queuePrefix });
  const steps = pipelineQueues(config, config.workers.attempts);
  const all = [detect, ...STEPS.map((step) => steps[step])];
  return {
    detect,
    steps,
    all,
    async close() {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
