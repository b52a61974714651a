import { describe, expect, it } from 'vitest';
import { EVIDENCE_DATA_MAX_BYTES, EvidenceSchema } from '../../../src/domain/evidence.js';

const evidence = {
  id: 'ev-1',
  stepId: 'failures',
  tool: 'search_events',
  arguments: { ip: '10.0.0.1', limit: 20 },
  summary: '7 matching events; 2 sample ids',
  eventIds: ['evt0001', 'evt0002'],
  data: { total: 7 },
  truncated: false,
  collectedAt: '2026-11-18T12:00:00.000Z',
};

describe('EvidenceSchema', () => {
  it('accepts bounded evidence from a known tool', () => {
    expect(EvidenceSchema.parse(evidence)).toEqual(evidence);
  });

  it('refuses a tool the MCP server does not have', () => {
    expect(EvidenceSchema.safeParse({ ...evidence, tool: 'run_query' }).success).toBe(false);
  });

  it('refuses data larger than its bound', () => {
    const result = EvidenceSchema.safeParse({ ...evidence, data: { blob: 'x'.repeat(EVIDENCE_DATA_MAX_BYTES) } });
    expect(result.error?.issues[0]?.path).toEqual(['data']);
  });

  it('refuses data that is not JSON', () => {
    expect(EvidenceSchema.safeParse({ ...evidence, data: { when: new Date() } }).success).toBe(false);
  });
});
