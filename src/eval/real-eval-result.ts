import { z } from 'zod';
import type { Alert } from '../domain/alert.js';
import type { FileTally } from '../telemetry/real/load-tally.js';
import { PredictedVerdictSchema } from './confusion-matrix.js';
import { EvalAnalystSchema } from './eval-result.js';

export const REAL_EVAL_RESULT_KIND = 'soc-agent-eval-real';

export const RealAlertSchema = z.object({
  alertId: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  /** The rule's credit (DRL 1.1 asks for the author wherever a match is shown). */
  ruleAuthor: z.string().nullable(),
  entityKey: z.string(),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  matchedEventCount: z.number().int().min(0),
  verdict: PredictedVerdictSchema,
  confidence: z.number().min(0).max(1).nullable(),
  probability: z.number().min(0).max(1).nullable(),
  runbook: z.string().nullable(),
  /** Loaded files whose events the alert's sample events came from. */
  files: z.array(z.string()),
});
export type RealAlert = z.infer<typeof RealAlertSchema>;

export const RealFileSchema = z.object({
  file: z.string(),
  format: z.enum(['json', 'auth-log']),
  read: z.number().int().min(0),
  loaded: z.number().int().min(0),
  skipped: z.number().int().min(0),
  malformed: z.number().int().min(0),
  unreadable: z.string().nullable(),
  /** Ids of the alerts raised on this file's events. */
  alertIds: z.array(z.string()),
});
export type RealFile = z.infer<typeof RealFileSchema>;

/** What `npm run eval:real` writes to `real-result.json`. */
export const RealEvalResultSchema = z.object({
  kind: z.literal(REAL_EVAL_RESULT_KIND),
  version: z.literal(1),
  name: z.string(),
  dir: z.string(),
  analyst: EvalAnalystSchema,
  prefix: z.string(),
  namespace: z.string(),
  /** Detection ran over the loaded events' time span, widened by an hour each side; null when nothing loaded. */
  window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).nullable(),
  git: z.object({ revision: z.string().nullable(), dirty: z.boolean().nullable() }),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().min(0),
  files: z.array(RealFileSchema),
  ignored: z.array(z.object({ file: z.string(), reason: z.string() })),
  alerts: z.array(RealAlertSchema),
});
export type RealEvalResult = z.infer<typeof RealEvalResultSchema>;

export interface RealInvestigationOutcome {
  alert: Alert;
  verdict: z.infer<typeof PredictedVerdictSchema>;
  confidence: number | null;
  probability: number | null;
  runbook: string | null;
}

/** Each alert with the files its sample events were loaded from, and each file with the alerts on its events. */
export function attributeAlerts(tallies: readonly FileTally[], outcomes: readonly RealInvestigationOutcome[], fileOfEvent: ReadonlyMap<string, string>): { files: RealFile[]; alerts: RealAlert[] } {
  const alerts = outcomes.map(
    (outcome): RealAlert => ({
      alertId: outcome.alert.id,
      ruleId: outcome.alert.rule.id,
      ruleTitle: outcome.alert.rule.title,
      ruleAuthor: outcome.alert.rule.author ?? null,
      entityKey: outcome.alert.entityKey,
      firstSeen: outcome.alert.firstSeen,
      lastSeen: outcome.alert.lastSeen,
      matchedEventCount: outcome.alert.matchedEventCount,
      verdict: outcome.verdict,
      confidence: outcome.confidence,
      probability: outcome.probability,
      runbook: outcome.runbook,
      files: [...new Set(outcome.alert.sampleEventIds.flatMap((id) => fileOfEvent.get(id) ?? []))].sort(),
    }),
  );
  const files = tallies.map(
    (tally): RealFile => ({
      file: tally.file,
      format: tally.format,
      read: tally.read,
      loaded: tally.mapped,
      skipped: [...tally.skipped.values()].reduce((sum, count) => sum + count, 0),
      malformed: tally.malformed,
      unreadable: tally.unreadable ?? null,
      alertIds: alerts.filter((alert) => alert.files.includes(tally.file)).map((alert) => alert.alertId),
    }),
  );
  return { files, alerts };
}
