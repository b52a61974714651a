import { describe, expect, it } from 'vitest';
import { firstStepJobId, investigationIdFor, runOf } from '../../../src/workers/chain.js';

const ALERT = 'al-recover00000001';

describe('runOf', () => {
  it('numbers an alert\'s runs and refuses another alert\'s investigation', () => {
    expect(runOf(ALERT, investigationIdFor(ALERT))).toBe(1);
    expect(runOf(ALERT, investigationIdFor(ALERT, 12))).toBe(12);
    expect(runOf(ALERT, investigationIdFor('al-someoneelse0001'))).toBeUndefined();
    expect(runOf(ALERT, `${investigationIdFor(ALERT)}-rx`)).toBeUndefined();
  });
});

describe('firstStepJobId', () => {
  it('uses the alert id for the first run, as the producer does, and a step job id for re-runs', () => {
    expect(firstStepJobId('al-abcdefgh', 1)).toBe('al-abcdefgh');
    expect(firstStepJobId('al-abcdefgh', 3)).toBe('inv-abcdefgh-r3-classify');
  });
});
