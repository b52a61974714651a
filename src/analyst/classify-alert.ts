import type { Alert } from '../domain/alert.js';
import type { AttackCategory, Classification } from '../domain/investigation.js';

/** ATT&CK technique (without sub-technique) → the attack type it belongs to. */
const TECHNIQUE_CATEGORIES: Readonly<Record<string, AttackCategory>> = {
  T1110: 'brute-force',
  T1003: 'credential-access',
  T1552: 'credential-access',
  T1555: 'credential-access',
  T1558: 'credential-access',
  T1021: 'lateral-movement',
  T1047: 'lateral-movement',
  T1550: 'lateral-movement',
  T1569: 'lateral-movement',
  T1570: 'lateral-movement',
  T1068: 'privilege-escalation',
  T1078: 'privilege-escalation',
  T1098: 'privilege-escalation',
  T1134: 'privilege-escalation',
  T1136: 'privilege-escalation',
  T1484: 'privilege-escalation',
  T1548: 'privilege-escalation',
  T1020: 'data-exfiltration',
  T1041: 'data-exfiltration',
  T1048: 'data-exfiltration',
  T1530: 'data-exfiltration',
  T1537: 'data-exfiltration',
  T1567: 'data-exfiltration',
  T1027: 'defense-evasion',
  T1070: 'defense-evasion',
  T1112: 'defense-evasion',
  T1562: 'defense-evasion',
};

/** ATT&CK tactic (as rule tags spell it) → attack type, when no technique is known. */
const TACTIC_CATEGORIES: Readonly<Record<string, AttackCategory>> = {
  credential_access: 'credential-access',
  lateral_movement: 'lateral-movement',
  privilege_escalation: 'privilege-escalation',
  persistence: 'privilege-escalation',
  exfiltration: 'data-exfiltration',
  collection: 'data-exfiltration',
  defense_evasion: 'defense-evasion',
};

/**
 * The offline analyst's classify step: the attack type from the rule's ATT&CK tags (techniques first, tactics
 * next). It reads only the rule's tags, never the matched events' text. Confidence: 0.9 when every technique
 * agrees, 0.75 when they point different ways (the first wins), 0.6 from tactics alone, 0.3 with nothing to go on.
 */
export function classifyAlert(alert: Alert): Classification {
  const byTechnique = alert.rule.techniques.flatMap((technique) => {
    const category = TECHNIQUE_CATEGORIES[technique.split('.')[0] ?? technique];
    return category ? [{ technique, category }] : [];
  });
  const first = byTechnique[0];
  if (first) {
    const agree = byTechnique.every((entry) => entry.category === first.category);
    return {
      category: first.category,
      confidence: agree ? 0.9 : 0.75,
      rationale: `The rule is tagged with ATT&CK ${byTechnique.map((entry) => entry.technique).join(', ')}${agree ? '' : ' (not all of the same type; the first decides)'}.`,
    };
  }
  const tactic = alert.rule.tactics.find((name) => TACTIC_CATEGORIES[name] !== undefined);
  const category = tactic ? TACTIC_CATEGORIES[tactic] : undefined;
  if (tactic && category) return { category, confidence: 0.6, rationale: `The rule names the ATT&CK tactic ${tactic} but no known technique.` };
  return { category: 'other', confidence: 0.3, rationale: 'The rule carries no ATT&CK technique or tactic this analyst knows.' };
}
