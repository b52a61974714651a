import type { Alert } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import type { Classification } from '../domain/investigation.js';
import type { Runbook } from '../domain/runbook.js';

export interface RunbookChoice {
  runbook: Runbook;
  score: number;
  /** Why it was chosen, in a few words each. */
  reasons: string[];
}

/** Points per kind of match: a technique says more than a title word, which says more than a tactic. */
const POINTS = { technique: 100, parentTechnique: 60, keyword: 40, tactic: 20, classification: 10 } as const;

function scoreRunbook(alert: Alert, runbook: Runbook, classification: Classification | undefined): { score: number; reasons: string[] } {
  const applies = runbook.applies_to;
  const reasons: string[] = [];
  let technique = 0;
  for (const candidate of alert.rule.techniques) {
    if (applies.techniques.includes(candidate)) {
      technique = Math.max(technique, POINTS.technique);
      reasons.push(`technique ${candidate}`);
    } else {
      const parent = candidate.split('.')[0] ?? candidate;
      if (parent !== candidate && applies.techniques.includes(parent)) {
        technique = Math.max(technique, POINTS.parentTechnique);
        reasons.push(`technique ${candidate} under ${parent}`);
      }
    }
  }
  const title = alert.rule.title.toLowerCase();
  const keyword = applies.keywords.find((word) => title.includes(word.toLowerCase()));
  if (keyword) reasons.push(`title mentions "${keyword}"`);
  const tactic = alert.rule.tactics.find((name) => applies.tactics.includes(name));
  if (tactic) reasons.push(`tactic ${tactic}`);
  const matched = technique > 0 || keyword !== undefined || tactic !== undefined;
  const byClassification = matched && classification?.category === runbook.name;
  if (byClassification) reasons.push(`classified as ${runbook.name}`);
  const score = technique + (keyword ? POINTS.keyword : 0) + (tactic ? POINTS.tactic : 0) + (byClassification ? POINTS.classification : 0);
  return { score, reasons };
}

/**
 * The runbook for an alert among those loaded: the best ATT&CK technique, title keyword and tactic match (ties go
 * to the classification, then to the name), else the fallback runbook. Adding a runbook file is enough to have it
 * chosen; nothing here names a runbook.
 */
export function selectRunbook(alert: Alert, runbooks: readonly Runbook[], classification?: Classification): RunbookChoice {
  const scored = runbooks
    .filter((runbook) => !runbook.applies_to.fallback)
    .map((runbook) => ({ runbook, ...scoreRunbook(alert, runbook, classification) }))
    .filter((choice) => choice.score > 0)
    .sort((a, b) => b.score - a.score || a.runbook.name.localeCompare(b.runbook.name));
  const best = scored[0];
  if (best) return best;
  const fallback = runbooks.find((runbook) => runbook.applies_to.fallback);
  if (fallback) return { runbook: fallback, score: 0, reasons: ['no runbook matches the rule; the fallback runbook applies'] };
  throw new SocAgentError('RUNBOOK_NOT_FOUND', `no runbook matches rule "${alert.rule.title}" and none is marked fallback`, { alertId: alert.id, ruleId: alert.rule.id });
}
