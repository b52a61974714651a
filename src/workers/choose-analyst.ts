import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { Analyst } from '../analyst/analyst.js';
import { claudeAnalyst } from '../analyst/claude-analyst.js';
import { withOfflineFallback } from '../analyst/fallback-analyst.js';
import type { EvidenceTools } from '../analyst/evidence-tools.js';
import { offlineAnalyst } from '../analyst/offline-analyst.js';
import type { Config } from '../config/env.js';
import type { Runbook } from '../domain/runbook.js';

/**
 * The analyst the configuration asks for: Claude when `ANALYST` resolves to it (a key is set), else offline. Calls
 * to the model API are retried by the SDK (honouring retry-after) and each bounded in time; with
 * `ANALYST_FALLBACK=offline` a step the model cannot do is done by the offline analyst.
 */
export function chooseAnalyst(config: Config, tools: EvidenceTools, runbooks: readonly Runbook[]): Analyst {
  const offline = offlineAnalyst({ tools, runbooks });
  if (config.analyst !== 'claude' || !config.anthropic.apiKey) return offline;
  const client = new Anthropic({
    apiKey: config.anthropic.apiKey,
    ...(config.anthropic.baseUrl ? { baseURL: config.anthropic.baseUrl } : {}),
    maxRetries: config.anthropic.maxRetries,
    timeout: config.anthropic.timeoutMs,
  });
  const claude = claudeAnalyst({
    client,
    tools,
    runbooks,
    models: config.anthropic.models,
    promptsDir: 'prompts',
    randomMarker: () => randomBytes(12).toString('hex'),
    limits: { maxToolCalls: config.anthropic.maxToolCalls, maxTokensPerInvestigation: config.anthropic.tokenBudget },
  });
  return config.anthropic.fallback === 'offline' ? withOfflineFallback(claude, offline) : claude;
}
