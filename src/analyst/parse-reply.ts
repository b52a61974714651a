import type { z } from 'zod';

export type ParsedReply<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Longest reply scanned; a longer one is cut (a step's JSON is a few kilobytes). */
const REPLY_MAX_CHARS = 100_000;
const ISSUES_MAX = 5;

/** The first balanced `{…}` from `start`, skipping braces inside JSON strings. */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const character = text[i];
    if (inString) {
      if (character === '\\') i += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** Where JSON may be in a reply: all of it, a fenced code block, or each top-level `{…}` in the prose. */
function candidates(text: string): string[] {
  const found = [text.trim()];
  for (const match of text.matchAll(/```(?:json)?[ \t]*\r?\n([\s\S]*?)```/gi)) if (match[1]) found.push(match[1].trim());
  for (let i = text.indexOf('{'); i !== -1 && found.length < 20; ) {
    const object = balancedObject(text, i);
    if (!object) break;
    found.push(object);
    i = text.indexOf('{', i + object.length);
  }
  return found;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Not JSON: the next candidate may be.
    return { ok: false };
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, ISSUES_MAX).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(reply)'}: ${issue.message}`);
}

/**
 * Finds the JSON in a model's reply and validates it. Returns the typed value, or the first issues (with their
 * paths) to send back to the model on retry. Never throws.
 */
export function parseReply<S extends z.ZodType>(schema: S, text: string): ParsedReply<z.output<S>> {
  const reply = text.slice(0, REPLY_MAX_CHARS);
  let firstIssues: string[] | undefined;
  for (const candidate of candidates(reply)) {
    const json = tryJson(candidate);
    if (!json.ok) continue;
    const parsed = schema.safeParse(json.value);
    if (parsed.success) return { ok: true, value: parsed.data };
    firstIssues ??= formatIssues(parsed.error.issues);
  }
  return { ok: false, issues: firstIssues ?? ['the reply holds no JSON object; answer with one JSON object only'] };
}
