import { describe, expect, it } from 'vitest';
import { parsePath, readPath } from '../../../src/analyst/fact-path.js';

const output = {
  total: 3,
  aggregations: { topSourceIps: [{ value: '10.10.0.5', count: 2 }] },
  reads: [{ bucket: 'northwind-backups' }, { bucket: 'northwind-logs' }, { sensitivity: 'internal' }],
  events: [{ policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { policy: null }],
};

describe('readPath', () => {
  it('follows names and indexes, and gives the length of a list', () => {
    expect(readPath(output, 'aggregations.topSourceIps[0].value')).toBe('10.10.0.5');
    expect(readPath(output, 'reads.length')).toBe(3);
    expect(readPath(output, 'aggregations.topSourceIps[1].value')).toBeUndefined();
  });

  it('reads a field of every item with [*], leaving out items that lack it', () => {
    expect(readPath(output, 'reads[*].bucket')).toEqual(['northwind-backups', 'northwind-logs']);
    expect(readPath(output, 'events[*].policy')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(readPath({ reads: [] }, 'reads[*].bucket')).toEqual([]);
  });

  it('gives undefined when [*] meets something that is not a list', () => {
    expect(readPath(output, 'total[*].x')).toBeUndefined();
    expect(readPath(output, 'nothing[*].x')).toBeUndefined();
  });

  it('refuses paths through the prototype chain or with other syntax', () => {
    expect(parsePath('reads[*].__proto__')).toBeUndefined();
    expect(parsePath('reads[?].bucket')).toBeUndefined();
    expect(readPath(output, 'toString')).toBeUndefined();
  });
});
