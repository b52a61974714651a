/**
 * Reads a value out of JSON by a path such as `aggregations.topSourceIps[0].value`. Only own properties of plain
 * objects and indexes of arrays are followed (never the prototype chain), and `length` gives the size of an array or
 * a string. `[*]` reads the rest of the path from every item of an array and gives the list of what was found, e.g.
 * `reads[*].bucket` (items where the rest leads nowhere are left out). A path that leads nowhere gives `undefined`.
 */
export type PathSegment = string | number | typeof EACH;

/** The `[*]` segment: every item of an array. */
export const EACH: unique symbol = Symbol('each');

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[(?:\d{1,3}|\*)\])*)$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Splits a path into names, indexes and `[*]`; undefined when it is not a valid path. */
export function parsePath(path: string): PathSegment[] | undefined {
  if (path === '') return [];
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const match = SEGMENT.exec(part);
    if (!match?.[1] || FORBIDDEN.has(match[1])) return undefined;
    segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+|\*)\]/g)) segments.push(index[1] === '*' ? EACH : Number(index[1]));
  }
  return segments;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readSegments(root: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const [position, segment] of segments.entries()) {
    if (segment === EACH) {
      if (!Array.isArray(current)) return undefined;
      const rest = segments.slice(position + 1);
      return current.map((item: unknown) => readSegments(item, rest)).filter((item) => item !== undefined && item !== null);
    }
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else if (segment === 'length' && (Array.isArray(current) || typeof current === 'string')) {
      current = current.length;
    } else if (isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function readPath(root: unknown, path: string): unknown {
  const segments = parsePath(path);
  return segments === undefined ? undefined : readSegments(root, segments);
}
