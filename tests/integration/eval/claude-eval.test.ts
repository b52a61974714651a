import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalResultSchema, type EvalResult } from '../../../src/eval/eval-result.js';
import { startFakeHttpServer, sendJson, type FakeHttpServer } from '../../support/fake-http-server.js';
import { isolate } from '../../support/isolation.js';
import { runCli } from '../../support/run-cli.js';

/**
 * `npm run eval -- --analyst claude` end to end without the network: the real SDK talks to a loopback stand-in of
 * the Messages API that answers each step by its model name (one model per step, set in the environment). Its
 * assessment cites one real event id of the alert and one invented id, so grounding has something to catch.
 */
const MODELS = { MODEL_CLASSIFY: 'fake-haiku-classify', MODEL_SELECT_RUNBOOK: 'fake-haiku-select', MODEL_INVESTIGATE: 'fake-sonnet-investigate', MODEL_ASSESS: 'fake-sonnet-assess', MODEL_SUMMARIZE: 'fake-haiku-summarize', MODEL_RESPOND: 'fake-haiku-respond' };
const INVENTED_ID = 'evt-never-returned-by-a-tool';

/** Every string in a request body, for finding the alert's event ids in the rendered prompt. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function replyFor(model: string, prompt: string): unknown {
  switch (model) {
    case MODELS.MODEL_CLASSIFY:
      return { category: 'brute-force', confidence: 0.8, rationale: 'Scripted classification.' };
    case MODELS.MODEL_SELECT_RUNBOOK:
      return { runbook: 'brute-force', rationale: 'Scripted choice.' };
    case MODELS.MODEL_INVESTIGATE:
      return { calls: [], done: true, notes: 'Scripted: no tool calls.' };
    case MODELS.MODEL_ASSESS: {
      const eventId = /\\?"sampleEventIds\\?":\s*\[\s*\\?"([^"\\]+)/.exec(prompt)?.[1] ?? 'missing';
      return { disposition: 'malicious', confidence: 0.9, rationale: 'Scripted assessment.', signals: [], citedEventIds: [eventId, INVENTED_ID], escalationTier: 'tier2', escalationReason: 'Scripted.' };
    }
    case MODELS.MODEL_SUMMARIZE:
      return { headline: 'Scripted summary', narrative: 'Scripted.', keyFindings: [], openQuestions: [] };
    default:
      return { actions: [], recommendedAction: 'Review the alert.' };
  }
}

const iso = isolate();
const id = iso.config.namespace;
const out = mkdtempSync(path.join(os.tmpdir(), 'soc-eval-claude-'));
let fake: FakeHttpServer;
let result: EvalResult;

beforeAll(async () => {
  fake = await startFakeHttpServer((request, res) => {
    const body: unknown = JSON.parse(request.body);
    const model = typeof body === 'object' && body !== null && 'model' in body && typeof body.model === 'string' ? body.model : '';
    const prompt = strings(typeof body === 'object' && body !== null && 'messages' in body ? body.messages : []).join('\n');
    sendJson(res, 200, {
      id: `msg_${fake.requests.length}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: JSON.stringify(replyFor(model, prompt)) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1_000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 500 },
    });
  });
  const run = await runCli('src/eval/main.ts', ['--analyst', 'claude', '--seeds', '7', '--people', '8', '--hours', '12', '--scenarios', 'ssh_brute_force,benign_mistyped_password', '--out', out, '--name', 'claude', '--id', id], {
    ...process.env,
    ...MODELS,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
    LOG_LEVEL: 'warn',
  });
  if (run.status !== 0) throw new Error(`eval exited ${run.status}: ${run.stderr}\n${run.stdout}`);
  result = EvalResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'claude', 'result.json'), 'utf8')));
}, 300_000);

afterAll(async () => {
  await fake.close();
  rmSync(out, { recursive: true, force: true });
  await iso.cleanup();
});

describe('npm run eval with the Claude analyst against a fake Messages API', () => {
  it('records the analyst and the model of each step from the configuration', () => {
    expect(result.analyst).toBe('claude');
    expect(result.models).toEqual({ classify: MODELS.MODEL_CLASSIFY, select_runbook: MODELS.MODEL_SELECT_RUNBOOK, investigate: MODELS.MODEL_INVESTIGATE, assess: MODELS.MODEL_ASSESS, summarize: MODELS.MODEL_SUMMARIZE, respond: MODELS.MODEL_RESPOND });
    expect(fake.requests.length).toBeGreaterThanOrEqual(6 * result.metrics.investigations);
  });

  it('counts tokens and cost per step and per investigation from the model calls', () => {
    const { usage } = result.metrics;
    expect(usage.total.requests).toBe(fake.requests.length);
    expect(usage.total.inputTokens).toBe(1_000 * fake.requests.length);
    expect(usage.total.cacheReadTokens).toBe(500 * fake.requests.length);
    for (const step of usage.perStep) expect(step.requests, step.step).toBeGreaterThanOrEqual(result.metrics.investigations);
    // Sonnet-priced steps cost more than Haiku-priced ones for the same tokens.
    const cost = (name: string) => usage.perStep.find((step) => step.step === name)?.costUsd ?? 0;
    expect(cost('assess')).toBeGreaterThan(cost('classify'));
    expect(usage.perInvestigation.meanCostUsd).toBeGreaterThan(0);
  });

  it('catches the invented citation in every report, and keeps the real one', () => {
    const { grounding } = result.metrics;
    expect(grounding.reports).toBe(result.metrics.investigations);
    expect(grounding.reportsWithUngroundedClaims).toBe(grounding.reports);
    expect(grounding.validCitations).toBe(grounding.reports);
    expect(grounding.validShare).toBeCloseTo(0.5, 9);
  });

  it('scores the scripted verdicts against the truth: the benign look-alike called malicious is a false alarm', () => {
    expect(result.metrics.verdict.benignFalseAlarmRate).toBe(1);
    expect(result.metrics.verdict.binary.recall).toBe(1);
    expect(result.metrics.verdict.accuracy).toBeLessThan(1);
  });
});
