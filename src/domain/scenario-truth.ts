import { z } from 'zod';

export const DispositionSchema = z.enum(['benign', 'suspicious', 'malicious']);
export type Disposition = z.infer<typeof DispositionSchema>;

/**
 * What really happened in one injected scenario: the answer key that detection and investigations are scored
 * against. It is never written into the telemetry itself, so the analyst cannot read it.
 */
export const ScenarioTruthSchema = z.object({
  id: z.string(),
  type: z.string(),
  description: z.string(),
  malicious: z.boolean(),
  expectedVerdict: DispositionSchema,
  expectedRunbook: z.string(),
  /** The detection rule (file name under `rules/`, without extension) expected to raise the alert. */
  expectedRule: z.string(),
  /** MITRE ATT&CK technique ids, e.g. T1110.001. */
  techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)),
  entities: z.object({
    users: z.array(z.string()),
    hosts: z.array(z.string()),
    ips: z.array(z.string()),
    cloudPrincipals: z.array(z.string()),
  }),
  /** The events that prove what happened; each exists in Elasticsearch after ingest. */
  proofEventIds: z.array(z.string()).min(1),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /** Present when attacker-controlled fields carry text aimed at the analyst. */
  injection: z.object({ field: z.string(), text: z.string() }).optional(),
  /** The clean scenario this adversarial one mirrors; their verdicts must agree. */
  twinOf: z.string().optional(),
});
export type ScenarioTruth = z.infer<typeof ScenarioTruthSchema>;

/**
 * The scenario an alert was raised for: the one whose proof events the alert cites. Undefined for an alert no
 * scenario explains (a false positive of the rules on the baseline).
 */
export function scenarioForAlert(alert: { sampleEventIds: readonly string[] }, truths: readonly ScenarioTruth[]): ScenarioTruth | undefined {
  const cited = new Set(alert.sampleEventIds);
  return truths.find((truth) => truth.proofEventIds.some((id) => cited.has(id)));
}
