/**
 * How an Elasticsearch field is mapped, which decides the queries it accepts:
 * - `keyword`: term, wildcard and regexp, all with `case_insensitive` (the project maps every string as keyword);
 * - `flattened`: a key of a `flattened` object; term and wildcard work but `case_insensitive` does not (ES 8);
 * - `ip`: term with an address or a CIDR, range; no wildcard or regexp;
 * - `number`: term and range only.
 */
export type FieldType = 'keyword' | 'flattened' | 'ip' | 'number';

const IP_FIELDS = new Set(['source.ip', 'destination.ip', 'client.ip', 'server.ip', 'host.ip', 'related.ip']);

const NUMBER_FIELDS = new Set([
  'source.port',
  'destination.port',
  'client.port',
  'server.port',
  'source.bytes',
  'destination.bytes',
  'network.bytes',
  'source.packets',
  'destination.packets',
  'network.packets',
  'process.pid',
  'process.parent.pid',
  'process.thread.id',
  'winlog.process.pid',
  'winlog.process.thread.id',
  'event.duration',
  'event.sequence',
  'event.severity',
  'http.response.status_code',
  'http.response.bytes',
  'http.request.bytes',
]);

const FLATTENED_PREFIX = 'aws.cloudtrail.flattened.';

/** The mapping type of an Elasticsearch field as the project's index templates define it. */
export function fieldTypeOf(field: string): FieldType {
  if (field.startsWith(FLATTENED_PREFIX)) return 'flattened';
  if (IP_FIELDS.has(field)) return 'ip';
  if (NUMBER_FIELDS.has(field)) return 'number';
  return 'keyword';
}
