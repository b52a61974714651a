import type { Alert, AlertRule } from '../domain/alert.js';
import { eventId } from '../telemetry/event-id.js';
import { entityKeyOf, type DetectionMatch } from './detection-match.js';

const MAX_SAMPLES = 20;

export interface DetectionInfo {
  kind: 'single' | 'correlation';
  correlationType?: string;
  groupBy?: string[];
  dataStreams: string[];
}

/**
 * The id of the alert a match opens: the same rule, entity and first event time always give the same id, so a
 * re-run over the same window finds the alert it already raised instead of raising a twin.
 */
export function alertIdFor(ruleId: string, entityKey: string, firstSeen: string): string {
  return `al-${eventId('alert', ruleId, entityKey, firstSeen)}`;
}

export function buildAlert(rule: AlertRule, match: DetectionMatch, info: DetectionInfo, now: Date): Alert {
  const entityKey = entityKeyOf(match.group);
  return {
    id: alertIdFor(rule.id, entityKey, match.firstSeen),
    rule,
    severity: rule.level,
    status: 'new',
    entityKey,
    entities: match.entities,
    firstSeen: match.firstSeen,
    lastSeen: match.lastSeen,
    matchedEventCount: Math.max(1, match.eventCount),
    sampleEventIds: match.sampleEventIds.slice(0, MAX_SAMPLES),
    dataStreams: info.dataStreams,
    detection: {
      kind: info.kind,
      ...(info.correlationType ? { correlationType: info.correlationType } : {}),
      ...(match.value !== undefined ? { value: match.value } : {}),
      ...(info.groupBy ? { groupBy: info.groupBy } : {}),
    },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

function union(a: readonly string[], b: readonly string[], limit: number): string[] {
  return [...new Set([...a, ...b])].slice(0, limit);
}

/**
 * Folds a later match of the same rule and entity into the open alert. Runs overlap, so the same events may be
 * seen twice: counts take the larger figure rather than adding, and samples are a union.
 */
export function mergeMatch(alert: Alert, match: DetectionMatch, now: Date): Alert {
  const lastSeen = match.lastSeen > alert.lastSeen ? match.lastSeen : alert.lastSeen;
  const extendsAlert = match.firstSeen > alert.lastSeen;
  return {
    ...alert,
    firstSeen: match.firstSeen < alert.firstSeen ? match.firstSeen : alert.firstSeen,
    lastSeen,
    matchedEventCount: extendsAlert ? alert.matchedEventCount + match.eventCount : Math.max(alert.matchedEventCount, match.eventCount),
    sampleEventIds: union(alert.sampleEventIds, match.sampleEventIds, MAX_SAMPLES),
    entities: {
      users: union(alert.entities.users, match.entities.users, 10),
      hosts: union(alert.entities.hosts, match.entities.hosts, 10),
      sourceIps: union(alert.entities.sourceIps, match.entities.sourceIps, 10),
      destinationIps: union(alert.entities.destinationIps, match.entities.destinationIps, 10),
      cloudPrincipals: union(alert.entities.cloudPrincipals, match.entities.cloudPrincipals, 10),
    },
    detection: {
      ...alert.detection,
      ...(match.value !== undefined ? { value: Math.max(match.value, alert.detection.value ?? match.value) } : {}),
    },
    updatedAt: now.toISOString(),
  };
}
