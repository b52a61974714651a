import { readFileSync } from 'node:fs';
import { SocAgentError } from '../domain/errors.js';
import { EvalResultSchema, type EvalResult } from './eval-result.js';

/** Reads a result.json through its schema; `INPUT_INVALID` names the file and the first bad fields. */
export function readEvalResult(file: string): EvalResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err });
  }
  const parsed = EvalResultSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SocAgentError('INPUT_INVALID', `${file} is not an eval result: ${issues.join('; ')}`, { file, fields: parsed.error.issues.map((issue) => issue.path.join('.')) });
  }
  return parsed.data;
}
