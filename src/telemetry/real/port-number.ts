/** A TCP or UDP port as a number, or `undefined` when the text is no port (`-`, empty, out of range). */
export function parsePort(raw: string | undefined): number | undefined {
  const text = raw?.trim() ?? '';
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number.parseInt(text, 10);
  return port <= 65535 ? port : undefined;
}
