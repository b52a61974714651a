import { codeSpan } from '../analyst/markdown-escape.js';
import { decimal } from './format.js';
import type { RealEvalResult } from './real-eval-result.js';

const cell = (text: string): string => codeSpan(text, { table: true, max: 120 });

/** Per file: records loaded, the rules that fired on its events and the verdicts. Log-derived text is escaped. */
export function renderRealSummary(result: RealEvalResult): string {
  const byId = new Map(result.alerts.map((alert) => [alert.alertId, alert]));
  const lines = [
    `# Real logs: ${cell(result.dir)}`,
    '',
    `- Analyst: **${result.analyst}**; namespace ${cell(result.namespace)}, prefix ${cell(result.prefix)}`,
    `- Detection window: ${result.window ? `${result.window.from} – ${result.window.to}` : 'none (nothing loaded)'}`,
    `- Revision: ${cell(result.git.revision ?? 'unknown')}${result.git.dirty ? ' (uncommitted changes)' : ''}; ran ${result.startedAt} for ${(result.durationMs / 1000).toFixed(1)} s`,
    `- ${result.files.length} files, ${result.files.reduce((sum, file) => sum + file.loaded, 0)} events loaded, ${result.alerts.length} alerts`,
    '',
    '| File | Read | Loaded | Skipped | Malformed | Rules fired (alert) | Verdicts |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const file of result.files) {
    const alerts = file.alertIds.flatMap((id) => byId.get(id) ?? []);
    const rules = alerts.length > 0 ? alerts.map((alert) => `${cell(alert.ruleTitle)} (${cell(alert.alertId)})`).join('; ') : file.unreadable ? `unreadable: ${cell(file.unreadable)}` : '—';
    const verdicts = alerts.map((alert) => `${alert.verdict}${alert.confidence === null ? '' : ` ${decimal(alert.confidence, 2)}`}`).join('; ') || '—';
    lines.push(`| ${cell(file.file)} | ${file.read} | ${file.loaded} | ${file.skipped} | ${file.malformed} | ${rules} | ${verdicts} |`);
  }
  if (result.alerts.length > 0) {
    lines.push('', '## Alerts', '', '| Alert | Rule | Author | Entity | First seen | Events | Runbook | Verdict | P(malicious) |', '| --- | --- | --- | --- | --- | ---: | --- | --- | ---: |');
    for (const alert of result.alerts) {
      lines.push(`| ${cell(alert.alertId)} | ${cell(alert.ruleTitle)} | ${cell(alert.ruleAuthor ?? '—')} | ${cell(alert.entityKey)} | ${alert.firstSeen} | ${alert.matchedEventCount} | ${cell(alert.runbook ?? '—')} | ${alert.verdict} | ${decimal(alert.probability, 2)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
