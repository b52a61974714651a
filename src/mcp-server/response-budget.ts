/**
 * Makes a tool response fit its byte budget by applying `shrinkers` in order, each as often as it helps: a
 * shrinker returns a smaller value (one sample row fewer, a shorter text) or undefined when it has nothing left to
 * give. The size counted is what goes on the wire for the model: the JSON of the structured content plus the text.
 */
export interface Fitted<T> {
  value: T;
  /** True when anything was dropped. */
  truncated: boolean;
  bytes: number;
}

export type Shrinker<T> = (value: T) => T | undefined;

export function responseBytes(value: unknown, text: string): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8') + Buffer.byteLength(text, 'utf8');
}

export function fitToBudget<T>(value: T, budget: number, render: (value: T) => string, shrinkers: readonly Shrinker<T>[]): Fitted<T> {
  let current = value;
  let bytes = responseBytes(current, render(current));
  let truncated = false;
  for (const shrink of shrinkers) {
    while (bytes > budget) {
      const smaller = shrink(current);
      if (smaller === undefined) break;
      current = smaller;
      truncated = true;
      bytes = responseBytes(current, render(current));
    }
    if (bytes <= budget) break;
  }
  return { value: current, truncated, bytes };
}

/** A shrinker that drops the last element of one array field. */
export function dropLast<T, K extends keyof T>(key: K): Shrinker<T> {
  return (value) => {
    const list = value[key];
    if (!Array.isArray(list) || list.length === 0) return undefined;
    return { ...value, [key]: list.slice(0, -1) };
  };
}
