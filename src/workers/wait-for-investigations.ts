import { setTimeout as sleep } from 'node:timers/promises';
import { SocAgentError } from '../domain/errors.js';
import { getAlert } from '../store/alert-store.js';
import type { EsClient } from '../store/es-client.js';

const POLL_MS = 1_000;

/**
 * Waits until every alert's investigation has ended (report written, or failed for good), calling `progress` when
 * the count changes. Throws `STEP_TIMEOUT` naming how many are still open at the deadline.
 */
export async function waitForInvestigations(es: EsClient, prefix: string, alertIds: readonly string[], timeoutMs: number, progress: (done: number) => void = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const statuses = await Promise.all(alertIds.map(async (id) => (await getAlert(es, prefix, id))?.status));
    const done = statuses.filter((status) => status === 'investigated' || status === 'failed').length;
    if (done !== last) progress(done);
    last = done;
    if (done === alertIds.length) return;
    if (Date.now() > deadline) {
      throw new SocAgentError('STEP_TIMEOUT', `${alertIds.length - done} of ${alertIds.length} investigations did not finish within ${Math.round(timeoutMs / 60_000)} minutes`, { prefix, open: alertIds.length - done });
    }
    await sleep(POLL_MS);
  }
}
