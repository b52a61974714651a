import { z } from 'zod';
import { AlertStatusSchema, SeveritySchema } from '../../domain/alert.js';
import { alertCursorAfter, listAlerts } from '../../store/alert-store.js';
import type { ToolDeps } from '../tool-deps.js';
import { IsoTimeSchema } from '../tool-inputs.js';

export const name = 'list_alerts';
export const title = 'List alerts';
export const description =
  'Alerts raised by the detection rules, newest first, as one-line summaries (use get_alert for one in full). Filter by status, severity, rule id and time (alerts active in [from, to]). Pages with nextCursor.';

export const inputSchema = z.strictObject({
  status: z.array(AlertStatusSchema).min(1).max(4).optional().describe('Only alerts in these states.'),
  severity: z.array(SeveritySchema).min(1).max(5).optional().describe('Only alerts of these severities.'),
  rule_id: z.string().min(1).max(200).optional().describe('Only alerts of this rule.'),
  from: IsoTimeSchema.optional().describe('Alerts whose last match is at or after this time.'),
  to: IsoTimeSchema.optional().describe('Alerts whose first match is at or before this time.'),
  limit: z.number().int().min(1).max(50).default(20).describe('Alerts per page, 1–50.'),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page.'),
});
type Input = z.output<typeof inputSchema>;

export const AlertSummarySchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  severity: SeveritySchema,
  status: AlertStatusSchema,
  entityKey: z.string(),
  techniques: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  matchedEventCount: z.number().int(),
});

export const outputSchema = z.object({
  total: z.number().int().describe('Alerts matching the filters, all pages.'),
  alerts: z.array(AlertSummarySchema),
  nextCursor: z.string().optional(),
  truncated: z.boolean().describe('True when rows were left out to fit the response budget; page on with nextCursor.'),
});
type Output = z.output<typeof outputSchema>;

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  const page = await listAlerts(
    deps.es,
    deps.prefix,
    {
      ...(input.status ? { status: input.status } : {}),
      ...(input.severity ? { severity: input.severity } : {}),
      ...(input.rule_id ? { ruleId: input.rule_id } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    },
    input.limit,
    input.cursor,
  );
  return {
    total: page.total,
    alerts: page.alerts.map((alert) => ({
      id: alert.id,
      ruleId: alert.rule.id,
      ruleTitle: alert.rule.title,
      severity: alert.severity,
      status: alert.status,
      entityKey: alert.entityKey,
      techniques: alert.rule.techniques,
      firstSeen: alert.firstSeen,
      lastSeen: alert.lastSeen,
      matchedEventCount: alert.matchedEventCount,
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    truncated: false,
  };
}

export function render(output: Output): string {
  const ids = output.alerts.map((alert) => `${alert.id} (${alert.severity})`).join(', ');
  return `${output.alerts.length} of ${output.total} alerts${output.truncated ? ', truncated to fit' : ''}${output.nextCursor ? '; more with nextCursor' : ''}${ids ? `: ${ids}` : ''}`;
}

/** Drops the last row and moves the cursor back to the last row kept, so paging loses nothing. */
export function shrink(output: Output): Output | undefined {
  if (output.alerts.length <= 1) return undefined;
  const alerts = output.alerts.slice(0, -1);
  const last = alerts[alerts.length - 1];
  return { ...output, alerts, ...(last ? { nextCursor: alertCursorAfter({ id: last.id, lastSeen: last.lastSeen }) } : {}) };
}
