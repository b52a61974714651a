import { EVAL_RESULT_KIND, EvalResultSchema, type EvalResult } from '../../src/eval/eval-result.js';
import type { InvestigationRecord } from '../../src/eval/investigation-record.js';
import type { ScenarioRecord } from '../../src/eval/scenario-record.js';
import { scoreRun } from '../../src/eval/score-run.js';

/** A scenario of seed 1 that raised its expected rule's alert `al-<id>`; override what the test is about. */
export function makeScenarioRecord(overrides: Partial<ScenarioRecord> & Pick<ScenarioRecord, 'id'>): ScenarioRecord {
  return {
    seed: '1',
    type: 'ssh_brute_force',
    malicious: true,
    expectedVerdict: 'malicious',
    expectedRunbook: 'brute-force',
    expectedCategory: 'brute-force',
    expectedRule: 'credential_access_ssh_brute_force',
    twinOf: null,
    alertIds: [`al-${overrides.id}`],
    detected: true,
    ...overrides,
  };
}

/** A completed offline investigation of alert `alertId` with the verdict asked for and sensible defaults. */
export function makeInvestigationRecord(overrides: Partial<InvestigationRecord> & Pick<InvestigationRecord, 'alertId'>): InvestigationRecord {
  return {
    seed: '1',
    ruleFile: 'credential_access_ssh_brute_force',
    ruleTitle: 'SSH brute force',
    entityKey: 'source.ip=185.220.101.47',
    scenarioIds: [],
    status: 'completed',
    category: 'brute-force',
    runbook: 'brute-force',
    verdict: 'malicious',
    confidence: 0.95,
    probability: 0.95,
    citations: { valid: 3, invalid: 0, dropped: 0 },
    steps: [{ step: 'investigate', durationMs: 300, attempt: 1 }],
    modelCalls: [],
    endToEndMs: 2_000,
    errors: [],
    ...overrides,
  };
}

/** A scenario and the investigation of its alert, agreeing unless told otherwise. */
export function scoredPair(id: string, scenario: Partial<ScenarioRecord> = {}, investigation: Partial<InvestigationRecord> = {}): { scenario: ScenarioRecord; investigation: InvestigationRecord } {
  const made = makeScenarioRecord({ id, ...scenario });
  return { scenario: made, investigation: makeInvestigationRecord({ alertId: `al-${id}`, seed: made.seed, scenarioIds: [id], ...investigation }) };
}

/** A whole, valid eval result scored from the given records. */
export function makeEvalResult(scenarios: ScenarioRecord[], investigations: InvestigationRecord[], overrides: Partial<EvalResult> = {}): EvalResult {
  const score = scoreRun(scenarios, investigations);
  return EvalResultSchema.parse({
    kind: EVAL_RESULT_KIND,
    version: 1,
    name: 'test-run',
    analyst: 'offline',
    models: null,
    prompts: [{ file: 'prompts/assess.txt', sha256: 'a'.repeat(64) }],
    runbooks: [{ file: 'runbooks/brute-force.md', sha256: 'b'.repeat(64) }],
    seeds: ['1'],
    scenarioFilter: null,
    organisation: { people: 12, hours: 24, start: '2026-11-18T00:00:00.000Z' },
    git: { revision: 'c'.repeat(40), dirty: false },
    machine: { cpus: 2, memoryGiB: 24, platform: 'linux x64', node: '20.19.0' },
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:01:00.000Z',
    durationMs: 60_000,
    seedRuns: [{ seed: '1', prefix: 'eval-x-1', namespace: 'evalxs1', events: 1000, alerts: investigations.length, skippedScenarios: [], indexMs: 1, detectMs: 1, investigateMs: 1 }],
    metrics: score.overall,
    byScenarioType: score.byScenarioType,
    scenarios,
    investigations,
    ...overrides,
  });
}
