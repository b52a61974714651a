import { SocAgentError } from '../../domain/errors.js';
import { describeError } from './describe-error.js';

/** The text of one JSON value in a larger document, and the line (1-based) where it starts. */
export interface JsonSlice {
  text: string;
  line: number;
}

const isWhitespace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/**
 * Cuts a JSON document into its records without parsing them: each top-level value, except that a top-level array
 * is opened and each of its elements is a slice of its own. That way one bad record costs only itself, and each
 * record keeps the line it starts on for the report. Accepts the shapes real exports come in: one value, an
 * array of records, and several values written one after another (some SigmaHQ regression files do that).
 * A slice is not checked here; `JSON.parse` on it says what is wrong. An array left open at the end yields an
 * empty slice at the last line, which no parser accepts, so it is reported rather than ignored.
 */
export function sliceJsonValues(text: string): JsonSlice[] {
  const slices: JsonSlice[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inTopArray = false;
  let start = -1;
  let startLine = 1;
  const endSlice = (end: number): void => {
    slices.push({ text: text.slice(start, end), line: startLine });
    start = -1;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    const sliceDepth = inTopArray ? 1 : 0;
    if (start === -1) {
      if (isWhitespace(c)) continue;
      if (depth === 0 && c === '[') {
        inTopArray = true;
        depth = 1;
        continue;
      }
      if (inTopArray && c === ',') continue;
      if (inTopArray && c === ']') {
        inTopArray = false;
        depth = 0;
        continue;
      }
      start = i;
      startLine = line;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth += 1;
    } else if (c === '}' || c === ']') {
      if (depth === sliceDepth) {
        // A scalar element ends where its array closes.
        endSlice(i);
        inTopArray = false;
        depth = 0;
      } else {
        depth -= 1;
        if (depth === sliceDepth) endSlice(i + 1);
      }
    } else if (depth === sliceDepth && (c === ',' || isWhitespace(c))) {
      endSlice(i);
    }
  }
  if (start !== -1) slices.push({ text: text.slice(start), line: startLine });
  else if (inTopArray) slices.push({ text: '', line });
  return slices;
}

/**
 * Every record of a JSON document (see `sliceJsonValues`), parsed. For callers that need the records of one small
 * file at once, such as the Sigma conformance command with a regression sample. Throws `INPUT_INVALID` naming the
 * line of the first record that is not JSON.
 */
export function parseJsonValues(text: string, origin: string): unknown[] {
  return sliceJsonValues(text).map((slice) => {
    try {
      return parseJson(slice.text);
    } catch (err) {
      throw new SocAgentError('INPUT_INVALID', `${origin}:${slice.line}: not JSON (${describeError(err)})`, { origin, line: slice.line }, { cause: err });
    }
  });
}

/** `JSON.parse` typed as what it really returns: something still to be checked. */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return value;
}
