/** Number formats shared by the Markdown and text renderings; an unmeasured value reads as a dash, never 0. */

export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function decimal(value: number | null, digits = 3): string {
  return value === null ? '—' : value.toFixed(digits);
}

export function milliseconds(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)}`;
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

export function dollars(value: number | null): string {
  return value === null ? '—' : `$${value.toFixed(value !== 0 && value < 0.01 ? 5 : 2)}`;
}

/** `3 of 4`, or a dash when there is nothing to count. */
export function countOf(part: number, whole: number): string {
  return whole === 0 ? '—' : `${part} of ${whole}`;
}
