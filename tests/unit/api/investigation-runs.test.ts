import { describe, expect, it } from 'vitest';
import { MAX_RUNS, decideRun, type InvestigationRun } from '../../../src/api/investigation-runs.js';

const run = (number: number, state: InvestigationRun['state']): InvestigationRun => ({ run: number, investigationId: `inv-abcdefgh${number === 1 ? '' : `-r${number}`}`, state });

describe('decideRun', () => {
  it('starts the first run of an alert that has none', () => {
    expect(decideRun([])).toEqual({ kind: 'start', run: 1 });
  });

  it.each(['queued', 'running'] as const)('returns the latest run while it is %s instead of starting another', (state) => {
    const latest = run(2, state);
    expect(decideRun([run(1, 'completed'), latest])).toEqual({ kind: 'existing', run: latest });
  });

  it.each(['completed', 'degraded', 'failed', 'ended'] as const)('starts the next run after a %s one', (state) => {
    expect(decideRun([run(1, 'completed'), run(2, state)])).toEqual({ kind: 'start', run: 3 });
  });

  it('stops at the run limit', () => {
    const runs = Array.from({ length: MAX_RUNS }, (_, index) => run(index + 1, 'completed'));
    expect(decideRun(runs)).toEqual({ kind: 'limit' });
  });
});
