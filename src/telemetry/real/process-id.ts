/**
 * A process id as a number. Sysmon writes it in decimal (`704`), the Security log in hexadecimal (`0x12d8`).
 * Anything else gives `undefined`, so a garbled id never becomes a wrong one.
 */
export function parseProcessId(raw: string | undefined): number | undefined {
  const text = raw?.trim() ?? '';
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  return undefined;
}
