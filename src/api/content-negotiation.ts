interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .slice(0, 20)
    .flatMap((part): MediaRange[] => {
      const [range = '', ...params] = part.trim().split(';');
      const [type, subtype] = range.trim().toLowerCase().split('/');
      if (!type || !subtype) return [];
      const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
    });
}

/** The quality the client gives `offered`, from its most specific matching range; 0 when none matches. */
function qualityOf(ranges: readonly MediaRange[], offered: string): number {
  const [type, subtype] = offered.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * The representation to send: the offered type the client prefers (by `q`, the first offered on a tie), the first
 * offered when there is no Accept header, undefined when the client accepts none of them.
 */
export function preferredType(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  let chosen: { type: string; q: number } | undefined;
  for (const type of offered) {
    const q = qualityOf(ranges, type);
    if (q > 0 && (!chosen || q > chosen.q)) chosen = { type, q };
  }
  return chosen?.type;
}
