import type { Alert } from '../domain/alert.js';
import type { Evidence } from '../domain/evidence.js';
import type { Assessment } from '../domain/investigation.js';
import { RUNBOOK_STEPS_MAX, type Runbook } from '../domain/runbook.js';
import { ESCALATION_ORDER, VerdictSchema, type Disposition, type EscalationTier } from '../domain/verdict.js';
import { calibrate, CALIBRATION, confidenceFor, dispositionFor } from './calibration.js';
import { evaluateCondition, type Facts } from './condition.js';
import type { SignalEvaluation } from './evaluate-signals.js';
import { templateStepRefs } from './template.js';

/** Most event ids a verdict cites, and per Evidence: enough to verify, few enough to read. */
const CITED_MAX = 20;
const CITED_PER_EVIDENCE = 5;

/** Share of the runbook's runnable steps that returned evidence; skipped steps (no such entity) do not count. */
export function coverageOf(runbook: Runbook, evidence: readonly Evidence[], skippedStepIds: readonly string[] = []): number {
  const runnable = runbook.steps.filter((step) => !skippedStepIds.includes(step.id));
  if (runnable.length === 0) return 0;
  const answered = runnable.filter((step) => evidence.some((item) => item.stepId === step.id));
  return answered.length / runnable.length;
}

function defaultTier(disposition: Disposition, confidence: number): EscalationTier {
  if (disposition === 'malicious') return 'tier2';
  if (disposition === 'suspicious') return 'tier1';
  return confidence >= CALIBRATION.maliciousAt ? 'none' : 'tier1';
}

const higher = (a: EscalationTier, b: EscalationTier): EscalationTier => (ESCALATION_ORDER.indexOf(a) >= ESCALATION_ORDER.indexOf(b) ? a : b);

/** Evidence ids a fired signal rests on, with the evidence its steps pivoted from (an address found in logons). */
function withPivots(runbook: Runbook, evidence: readonly Evidence[], evidenceIds: readonly string[]): string[] {
  const result = new Set<string>();
  const visit = (id: string, depth: number): void => {
    if (result.has(id) || depth > RUNBOOK_STEPS_MAX) return;
    result.add(id);
    const stepId = evidence.find((item) => item.id === id)?.stepId;
    const step = runbook.steps.find((candidate) => candidate.id === stepId);
    if (!step) return;
    for (const upstream of templateStepRefs(step.arguments)) for (const item of evidence.filter((candidate) => candidate.stepId === upstream)) visit(item.id, depth + 1);
  };
  for (const id of evidenceIds) visit(id, 0);
  return [...result];
}

function citations(runbook: Runbook, disposition: Disposition, evaluation: SignalEvaluation, evidence: readonly Evidence[], alert: Alert): string[] {
  const relevant = evaluation.fired.filter((signal) => (disposition === 'malicious' ? signal.weight > 0 : disposition === 'benign' ? signal.weight < 0 : true));
  const ordered = [...relevant].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const evidenceIds = withPivots(runbook, evidence, [...new Set(ordered.flatMap((signal) => signal.evidenceIds))]);
  const ids = evidenceIds.flatMap((id) => evidence.find((item) => item.id === id)?.eventIds.slice(0, CITED_PER_EVIDENCE) ?? []);
  // Facts such as enrichment or inventory carry no event ids; the alert's own events are what the verdict then rests on.
  const withAlert = ids.length > 0 ? ids : alert.sampleEventIds.slice(0, CITED_PER_EVIDENCE);
  return [...new Set(withAlert)].slice(0, CITED_MAX);
}

const signed = (weight: number): string => `${weight > 0 ? '+' : ''}${weight.toFixed(1)}`;

/**
 * The offline analyst's assess step: sums the weights of the fired signals, calibrates (see `calibration.ts`),
 * picks the disposition, the runbook's allowed actions for it, and the escalation tier (raised by the runbook's
 * escalation triggers, never for a benign verdict). Reads only facts: counts, inventory, enrichment, times.
 */
export function scoreVerdict(input: { runbook: Runbook; facts: Facts; evaluation: SignalEvaluation; coverage: number }): Assessment {
  const { runbook, facts, evaluation, coverage } = input;
  const score = evaluation.fired.reduce((sum, signal) => sum + signal.weight, 0);
  const probability = calibrate(score, { coverage });
  const disposition = dispositionFor(probability);
  const confidence = confidenceFor(probability);

  const actions = runbook.actions.filter((action) => action.dispositions.includes(disposition));
  let escalationTier = defaultTier(disposition, confidence);
  const reasons: string[] = [];
  if (disposition !== 'benign') {
    for (const trigger of runbook.escalation) {
      if (evaluateCondition(trigger.when, facts).value !== true) continue;
      escalationTier = higher(escalationTier, trigger.tier);
      reasons.push(trigger.reason);
    }
  }
  const escalationReason =
    reasons.length > 0
      ? reasons.join(' ')
      : escalationTier === 'none'
        ? `Benign with confidence ${confidence.toFixed(2)}: no escalation.`
        : escalationTier === 'tier1'
          ? 'The evidence is inconclusive: a Tier 1 analyst answers the open questions.'
          : `Malicious with confidence ${confidence.toFixed(2)}: Tier 2 confirms scope and contains.`;

  const strongest = [...evaluation.fired].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 8);
  const lines = [
    `Runbook ${runbook.name} ${runbook.version}: score ${signed(score)} from ${evaluation.fired.length} signal(s), P(malicious) ${probability.toFixed(2)}.`,
    ...strongest.map((signal) => `${signed(signal.weight)} ${signal.description}`),
    ...(evaluation.unknown.length > 0 ? [`Not established: ${evaluation.unknown.map((signal) => signal.description).join('; ')}.`] : []),
    ...(coverage < 1 ? [`Only ${Math.round(coverage * 100)}% of the planned tool calls returned evidence.`] : []),
  ];

  const verdict = VerdictSchema.parse({
    disposition,
    confidence,
    rationale: lines.join('\n').slice(0, 4_000),
    recommendedAction: actions[0]?.description ?? 'Review the alert manually: the runbook allows no action for this disposition.',
    responseActions: actions.map((action) => action.id),
    escalationTier,
    escalationReason: escalationReason.slice(0, 500),
    citedEventIds: citations(runbook, disposition, evaluation, facts.evidence, facts.alert),
    ungroundedClaims: 0,
  });
  return { signals: evaluation.fired, unknownSignals: evaluation.unknown, score, probability, coverage, verdict };
}
