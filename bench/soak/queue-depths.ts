/** Jobs by queue, then by BullMQ state. */
export type QueueDepths = Record<string, Record<string, number>>;

/** States of jobs that no worker has taken yet. */
const WAITING_STATES = ['waiting', 'prioritized'] as const;

const SAMPLE_LINE = /^soc_agent_queue_jobs\{([^}]*)\}\s+(\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The `soc_agent_queue_jobs` gauge of a Prometheus text exposition, by queue and state. Lines of other metrics,
 * comments and malformed values are skipped; undefined when the gauge is absent altogether.
 */
export function parseQueueDepths(exposition: string): QueueDepths | undefined {
  const depths: QueueDepths = {};
  let found = false;
  for (const line of exposition.split('\n')) {
    const match = SAMPLE_LINE.exec(line.trim());
    if (!match) continue;
    const labels = new Map([...(match[1] ?? '').matchAll(LABEL)].map((label) => [label[1] ?? '', label[2] ?? '']));
    const queue = labels.get('queue');
    const state = labels.get('state');
    const value = Number(match[2]);
    if (!queue || !state || !Number.isFinite(value) || value < 0) continue;
    depths[queue] = { ...depths[queue], [state]: value };
    found = true;
  }
  return found ? depths : undefined;
}

/** Jobs waiting to be taken, all queues together. */
export function backlogOf(depths: QueueDepths): number {
  return Object.values(depths).reduce((sum, states) => sum + WAITING_STATES.reduce((inQueue, state) => inQueue + (states[state] ?? 0), 0), 0);
}
