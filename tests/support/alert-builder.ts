import { AlertSchema, type Alert } from '../../src/domain/alert.js';

let sequence = 0;

/** A valid Alert with sensible defaults; override what the test is about. Ids are unique per call. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  sequence += 1;
  const alert: Alert = {
    id: `al-test${String(sequence).padStart(6, '0')}`,
    rule: {
      id: 'credential_access_ssh_brute_force',
      title: 'SSH brute force from one source',
      level: 'high',
      tags: ['attack.credential-access', 'attack.t1110.001'],
      techniques: ['T1110.001'],
      tactics: ['credential-access'],
      falsepositives: ['A user mistyping a password several times'],
      description: 'Many failed SSH logins from one address in a short time.',
    },
    severity: 'high',
    status: 'new',
    entityKey: 'source.ip=185.220.101.47',
    entities: { users: [], hosts: [], sourceIps: ['185.220.101.47'], destinationIps: [], cloudPrincipals: [] },
    firstSeen: '2026-11-18T10:00:00.000Z',
    lastSeen: '2026-11-18T10:05:00.000Z',
    matchedEventCount: 1,
    sampleEventIds: ['placeholder-event-id'],
    dataStreams: ['logs-system.auth-*'],
    detection: { kind: 'single' },
    createdAt: '2026-11-18T10:06:00.000Z',
    updatedAt: '2026-11-18T10:06:00.000Z',
    ...overrides,
  };
  return AlertSchema.parse(alert);
}
