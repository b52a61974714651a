import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalResult } from './eval-result.js';
import { renderReliabilityDiagram } from './reliability-diagram.js';
import { renderSummary } from './render-summary.js';

export interface WrittenResults {
  json: string;
  markdown: string;
  svg: string;
}

/** `result.json`, `summary.md` and `reliability.svg` in `dir` (created if missing). */
export function writeResults(dir: string, result: EvalResult): WrittenResults {
  mkdirSync(dir, { recursive: true });
  const files = { json: path.join(dir, 'result.json'), markdown: path.join(dir, 'summary.md'), svg: path.join(dir, 'reliability.svg') };
  writeFileSync(files.json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(files.markdown, renderSummary(result));
  writeFileSync(files.svg, renderReliabilityDiagram(result.metrics.calibration, `Reliability: ${result.analyst} analyst, seeds ${result.seeds.join(', ')}`));
  return files;
}
