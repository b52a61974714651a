import type { DetectionMatch } from '../../src/producer/detection-match.js';

/** A detection match with sensible defaults; override what the test is about. */
export function makeMatch(overrides: Partial<DetectionMatch> = {}): DetectionMatch {
  return {
    group: { 'source.ip': '203.0.113.9' },
    firstSeen: '2026-11-18T10:00:00.000Z',
    lastSeen: '2026-11-18T10:05:00.000Z',
    eventCount: 25,
    value: 25,
    sampleEventIds: ['evt-aaaaaaaa1', 'evt-aaaaaaaa2'],
    entities: { users: [], hosts: ['bastion-01'], sourceIps: ['203.0.113.9'], destinationIps: [], cloudPrincipals: [] },
    ...overrides,
  };
}
