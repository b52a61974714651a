import type { StoredReport } from '../../src/store/report-store.js';

export const SCRIPT = '<script>window.__pwned = true</script>';
export const IMG = '<img src=x onerror="window.__pwned = true">';
export const QUOTE_BREAK = '" autofocus onfocus="window.__pwned = true';

/** A report whose log-derived fields all carry markup, as an attacker could plant in a user name or command line. */
export function hostileReport(ids: { investigationId: string; alertId: string } = { investigationId: 'inv-hostile0001', alertId: 'al-hostile0001' }): StoredReport {
  return {
    createdAt: '2026-11-18T10:00:00.000Z',
    severity: 'high',
    markdown: `# ${SCRIPT}`,
    json: {
      investigationId: ids.investigationId,
      alertId: ids.alertId,
      shape: 'incident',
      disposition: 'malicious',
      confidence: 0.9,
      escalationTier: 'incident_response',
      escalationReason: IMG,
      headline: `${SCRIPT} headline`,
      rationale: `${IMG} rationale`,
      rule: { id: 'rule-1', title: SCRIPT, author: IMG, license: QUOTE_BREAK },
      techniques: [SCRIPT],
      tactics: [],
      entities: { users: [SCRIPT], hosts: [IMG], sourceIps: [QUOTE_BREAK], destinationIps: [], cloudPrincipals: [] },
      firstSeen: SCRIPT,
      lastSeen: IMG,
      signals: [{ id: 's1', description: SCRIPT, weight: 1 }],
      openQuestions: [IMG],
      recommendedAction: SCRIPT,
      responseActions: [IMG],
      timeline: [{ at: '2026-11-18T09:00:00.000Z', eventId: SCRIPT, action: IMG, host: QUOTE_BREAK, user: SCRIPT, summary: `${IMG}${SCRIPT}` }],
      evidence: [{ id: IMG, tool: SCRIPT, summary: QUOTE_BREAK, eventIds: [SCRIPT, IMG] }],
      citedEventIds: [IMG],
      ungroundedClaims: 0,
      degraded: false,
    },
  };
}
