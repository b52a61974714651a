import { IpSchema } from '../ecs-common.js';

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An address as Elasticsearch's `ip` type accepts it, or `undefined` when the text is no address at all (a host
 * name, `-`, an empty field). IPv4 octets with leading zeros (`075.050.255.67`, how the anonymised CloudTrail data
 * pads them) are read as decimal, not octal: they were padded, never written in octal. An IPv6 zone (`%12`) is
 * dropped, since an `ip` field cannot hold it and it only names the local interface.
 */
export function normalizeIp(raw: string): string | undefined {
  const text = raw.trim();
  const quad = DOTTED_QUAD.exec(text);
  const candidate = quad
    ? quad
        .slice(1)
        .map((octet) => String(Number.parseInt(octet, 10)))
        .join('.')
    : text.replace(/%[^%]*$/, '').toLowerCase();
  return IpSchema.safeParse(candidate).success ? candidate : undefined;
}
