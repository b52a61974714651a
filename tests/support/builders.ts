import type { Alert } from '../../src/domain/alert.js';
import type { DetectionMatch } from '../../src/producer/detection-match.js';

/** An alert with sensible defaults; override what the test is about. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-test000000000001',
    rule: { id: 'rule-1', title: 'Test rule', author: 'soc-agent', level: 'high', tags: ['attack.credential_access', 'attack.t1110.001'], techniques: ['T1110.001'], tactics: ['credential_access'], falsepositives: ['none'] },
    severity: 'high',
    status: 'new',
    entityKey: 'source.ip=203.0.113.9',
    entities: { users: [], hosts: ['bastion-01'], sourceIps: ['203.0.113.9'], destinationIps: [], cloudPrincipals: [] },
    firstSeen: '2026-11-18T10:00:00.000Z',
    lastSeen: '2026-11-18T10:05:00.000Z',
    matchedEventCount: 25,
    sampleEventIds: ['evt-aaaaaaaa1'],
    dataStreams: ['logs-system.auth-default'],
    detection: { kind: 'correlation', correlationType: 'event_count', value: 25, groupBy: ['source.ip'] },
    createdAt: '2026-11-18T10:06:00.000Z',
    updatedAt: '2026-11-18T10:06:00.000Z',
    ...overrides,
  };
}

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
