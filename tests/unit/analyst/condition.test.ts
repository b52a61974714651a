import { describe, expect, it } from 'vitest';
import { evaluateCondition, type Facts } from '../../../src/analyst/condition.js';
import type { Condition } from '../../../src/domain/runbook.js';
import { makeAlert } from '../../support/alert-builder.js';
import { cloudPrincipal, enrichment, entityContext, makeEvidence, person, rows, searchResult } from './support/evidence-builders.js';

const alert = makeAlert({ entities: { users: ['Alice.Smith'], hosts: ['DC01'], sourceIps: ['10.10.0.5'], destinationIps: [], cloudPrincipals: [] }, firstSeen: '2026-11-18T09:30:00.000Z' });
const intel = makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.5', internal: true, host: { name: 'WS-FIN-003', owner: 'alice.smith', role: 'workstation', criticality: 'low' }, suspicious: ['tor-exit-nodes'] }));
const user = makeEvidence('user_context', 'get_entity_context', entityContext('user', 'alice.smith', person('alice.smith', { start: 8, end: 17 })));
const failures = makeEvidence('failures', 'search_events', searchResult({ total: 7, distinct: { users: 1 } }), ['e1', 'e2']);
const facts: Facts = { alert, evidence: [intel, user, failures] };

const value = (condition: Condition, given: Facts = facts) => evaluateCondition(condition, given).value;

describe('evaluateCondition', () => {
  it.each([
    [{ evidence: 'failures', path: 'total', op: 'gte', value: 7 }, true],
    [{ evidence: 'failures', path: 'total', op: 'gt', value: 7 }, false],
    [{ evidence: 'failures', path: 'total', op: 'lt', value: 8 }, true],
    [{ evidence: 'failures', path: 'total', op: 'lte', value: 6 }, false],
    [{ evidence: 'failures', path: 'total', op: 'eq', value: 7 }, true],
    [{ evidence: 'failures', path: 'total', op: 'neq', value: 7 }, false],
    [{ evidence: 'source_ip', path: 'organisation.host.role', op: 'in', value: ['server', 'workstation'] }, true],
    [{ evidence: 'source_ip', path: 'assessment.suspicious', op: 'contains', value: 'tor-exit-nodes' }, true],
    [{ evidence: 'source_ip', path: 'assessment.listedBy.length', op: 'eq', value: 1 }, true],
    [{ evidence: 'source_ip', path: 'organisation.knownService', op: 'exists' }, false],
    [{ evidence: 'source_ip', path: 'organisation.host', op: 'exists' }, true],
    [{ evidence: 'enrich_ip', path: 'internal', op: 'eq', value: true }, true],
  ] satisfies [Condition, boolean][])('evaluates %j to %s', (condition, expected) => {
    expect(value(condition)).toBe(expected);
  });

  it('compares strings case-insensitively, as account names compare in logs', () => {
    expect(value({ evidence: 'source_ip', path: 'organisation.host.owner', op: 'eq', value: { ref: { evidence: 'alert', path: 'entities.users[0]' } } })).toBe(true);
  });

  it('checks working hours against the alert time, in UTC', () => {
    const inHours: Condition = { evidence: 'user_context', path: 'inventory.user.hours', op: 'within_hours', value: { ref: { evidence: 'alert', path: 'firstSeen' } } };
    expect(value(inHours)).toBe(true);
    expect(value(inHours, { ...facts, alert: { ...alert, firstSeen: '2026-11-18T22:00:00.000Z' } })).toBe(false);
    // 2026-11-21 is a Saturday and the hours are weekdays only.
    expect(value(inHours, { ...facts, alert: { ...alert, firstSeen: '2026-11-21T09:30:00.000Z' } })).toBe(false);
  });

  it('says unknown, not false, when the evidence was never collected', () => {
    expect(value({ evidence: 'successes', path: 'total', op: 'eq', value: 0 })).toBe('unknown');
    expect(value({ evidence: 'successes', path: 'total', op: 'exists' })).toBe('unknown');
  });

  it('says unknown when the path leads nowhere, or a compared fact is missing', () => {
    expect(value({ evidence: 'failures', path: 'aggregations.nothing', op: 'gte', value: 1 })).toBe('unknown');
    expect(value({ evidence: 'source_ip', path: 'organisation.host.name', op: 'eq', value: { ref: { evidence: 'user_context', path: 'inventory.user.sourceHost' } } })).toBe('unknown');
  });

  it('keeps unknown through not, and lets all/any decide when they can (Kleene logic)', () => {
    const unknown: Condition = { evidence: 'successes', path: 'total', op: 'gte', value: 1 };
    const yes: Condition = { evidence: 'failures', path: 'total', op: 'gte', value: 1 };
    const no: Condition = { evidence: 'failures', path: 'total', op: 'gte', value: 100 };
    expect(value({ not: unknown })).toBe('unknown');
    expect(value({ not: no })).toBe(true);
    expect(value({ all: [yes, unknown] })).toBe('unknown');
    expect(value({ all: [no, unknown] })).toBe(false);
    expect(value({ any: [yes, unknown] })).toBe(true);
    expect(value({ any: [no, unknown] })).toBe('unknown');
    expect(value({ any: [no, no] })).toBe(false);
  });

  it('says unknown when a comparison does not apply to the fact', () => {
    expect(value({ evidence: 'source_ip', path: 'organisation.host.role', op: 'gt', value: 3 })).toBe('unknown');
  });

  it('never reads the prototype chain', () => {
    const polluted = makeEvidence('odd', 'search_events', { total: 1 });
    expect(value({ evidence: 'odd', path: 'toString', op: 'exists' }, { alert, evidence: [polluted] })).toBe(false);
    expect(value({ evidence: 'odd', path: 'hasOwnProperty', op: 'exists' }, { alert, evidence: [polluted] })).toBe(false);
  });

  it('reads a field of every item of a list with [*], so a list of objects can be searched', () => {
    const arn = 'arn:aws:iam::123456789012:role/BackupRole';
    const reads = [
      { bucket: 'northwind-backups', sensitivity: 'confidential' },
      { bucket: 'northwind-logs', sensitivity: 'internal' },
    ];
    const principal = makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, cloudPrincipal({ name: 'BackupRole', kind: 'role', arn, policies: [], reads })));
    const downloads = (bucket: string) => makeEvidence('downloads', 'search_events', searchResult({ total: 1, events: rows('get', 1, { dataStream: 'aws.cloudtrail', action: 'GetObject', bucket, summary: 'GetObject' }) }));
    const among: Condition = { evidence: 'principal_context', path: 'inventory.cloudPrincipal.reads[*].bucket', op: 'contains', value: { ref: { evidence: 'downloads', path: 'events[0].bucket' } } };
    expect(value(among, { alert, evidence: [principal, downloads('northwind-logs')] })).toBe(true);
    expect(value(among, { alert, evidence: [principal, downloads('northwind-finance-reports')] })).toBe(false);
  });

  it('finds nothing in a projection over an empty list: false, not unknown', () => {
    const arn = 'arn:aws:iam::123456789012:user/hugo.kim';
    const principal = makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, cloudPrincipal({ name: 'hugo.kim', kind: 'user', arn, policies: [], reads: [] })));
    expect(value({ evidence: 'principal_context', path: 'inventory.cloudPrincipal.reads[*].bucket', op: 'contains', value: 'northwind-backups' }, { alert, evidence: [principal] })).toBe(false);
  });

  it('returns the evidence it read, for citations', () => {
    const result = evaluateCondition({ evidence: 'source_ip', path: 'organisation.host.owner', op: 'eq', value: { ref: { evidence: 'user_context', path: 'inventory.user.username' } } }, facts);
    expect(result).toEqual({ value: true, evidenceIds: [intel.id, user.id] });
  });
});
