import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { Analyst } from '../analyst/analyst.js';
import { claudeAnalyst } from '../analyst/claude-analyst.js';
import type { EvidenceTools } from '../analyst/evidence-tools.js';
import { offlineAnalyst } from '../analyst/offline-analyst.js';
import type { Config } from '../config/env.js';
import type { Runbook } from '../domain/runbook.js';

/** Calls to the model API: retried by the SDK (honouring retry-after), each bounded in time. */
const MODEL_MAX_RETRIES = 3;
const MODEL_TIMEOUT_MS = 60_000;

/** The analyst the configuration asks for: Claude when `ANALYST` resolves to it (a key is set), else offline. */
export function chooseAnalyst(config: Config, tools: EvidenceTools, runbooks: readonly Runbook[]): Analyst {
  if (config.analyst !== 'claude' || !config.anthropic.apiKey) return offlineAnalyst({ tools, runbooks });
  const client = new Anthropic({
    apiKey: config.anthropic.apiKey,
    ...(config.anthropic.baseUrl ? { baseURL: config.anthropic.baseUrl } : {}),
    maxRetries: MODEL_MAX_RETRIES,
    timeout: MODEL_TIMEOUT_MS,
  });
  return claudeAnalyst({
    client,
    tools,
    runbooks,
    models: config.anthropic.models,
    promptsDir: 'prompts',
    randomMarker: () => randomBytes(12).toString('hex'),
    limits: { maxToolCalls: 16, maxTokensPerInvestigation: 200_000 },
  });
}
