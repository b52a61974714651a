import type { estypes } from '@elastic/elasticsearch';
import { fieldTypeOf, type FieldType } from './field-types.js';
import type { SigmaLogsource } from './rule-schema.js';

/**
 * Where a Sigma field lives in our documents. `textField`, when set, holds the same value as a keyword: the
 * compiler uses it for string patterns that the typed `field` (an `ip`) cannot answer, such as `DestinationIp|
 * endswith` or CloudTrail's `sourceIPAddress: AWS Internal`.
 */
export type MappedField = { readonly field: string; readonly type: FieldType; readonly textField?: string | undefined };

/** How the events of one Sigma log source are found and named in the project's data streams. */
export type LogsourceMapping = {
  /** A stable name for reports, e.g. `windows/sysmon/process_creation`. */
  readonly name: string;
  /** Data stream datasets, e.g. `windows.sysmon_operational`. */
  readonly datasets: readonly string[];
  /** What selects this log source's events inside its data streams (e.g. Sysmon event code 1), if anything. */
  readonly filter: estypes.QueryDslQueryContainer | undefined;
  /**
   * The index patterns to search: `logs-<dataset>-<namespace>`.
   * @param namespace - the data stream namespace (`SOC_NAMESPACE`); `*` for all. @defaultValue `'*'`
   */
  readonly indices: (namespace?: string) => string[];
  readonly mapField: (sigmaField: string) => MappedField;
};

type FieldTable = Readonly<Record<string, string | { readonly field: string; readonly textField: string }>>;

/** Top-level ECS (and integration) field sets: a dotted name starting with one of these is already ours. */
const ECS_ROOTS = new Set([
  '@timestamp',
  'agent',
  'aws',
  'client',
  'cloud',
  'data_stream',
  'destination',
  'dns',
  'ecs',
  'error',
  'event',
  'file',
  'group',
  'host',
  'http',
  'labels',
  'log',
  'message',
  'network',
  'observer',
  'process',
  'registry',
  'related',
  'rule',
  'server',
  'service',
  'source',
  'system',
  'tags',
  'threat',
  'tls',
  'url',
  'user',
  'user_agent',
  'winlog',
]);

/** Rules written with ECS names (the project's own rule pack) pass through unchanged. */
export function isEcsFieldName(field: string): boolean {
  if (field === 'message' || field === '@timestamp' || field === 'tags') return true;
  const dot = field.indexOf('.');
  return dot > 0 && ECS_ROOTS.has(field.slice(0, dot));
}

function typed(field: string, textField?: string): MappedField {
  return { field, type: fieldTypeOf(field), textField };
}

/** Looks a Sigma field up case-insensitively (Windows field names are), else falls back. */
function tableMapper(table: FieldTable, fallback: (field: string) => string): (sigmaField: string) => MappedField {
  const lower = new Map(Object.entries(table).map(([key, value]) => [key.toLowerCase(), value]));
  return (sigmaField) => {
    if (isEcsFieldName(sigmaField)) return typed(sigmaField);
    const entry = lower.get(sigmaField.toLowerCase());
    if (entry === undefined) return typed(fallback(sigmaField));
    return typeof entry === 'string' ? typed(entry) : typed(entry.field, entry.textField);
  };
}

const eventData = (field: string) => `winlog.event_data.${field}`;

/** Fields every Windows channel shares. */
const WINDOWS_COMMON: FieldTable = {
  EventID: 'event.code',
  Channel: 'winlog.channel',
  Provider_Name: 'winlog.provider_name',
  Computer: 'host.name',
  ComputerName: 'host.name',
};

/**
 * Sysmon EventData names to ECS, following the ECS mapping of Elastic's Windows integration. `User` stays raw:
 * Sigma's `User` is `DOMAIN\name` while `user.name` holds the name alone. `TargetImage` and `GrantedAccess` have no
 * ECS field.
 */
const SYSMON_FIELDS: FieldTable = {
  ...WINDOWS_COMMON,
  Image: 'process.executable',
  CommandLine: 'process.command_line',
  ProcessId: 'process.pid',
  ParentImage: 'process.parent.executable',
  ParentCommandLine: 'process.parent.command_line',
  OriginalFileName: 'process.pe.original_file_name',
  SourceImage: 'process.executable',
  TargetFilename: 'file.path',
  ImageLoaded: 'file.path',
  DestinationIp: { field: 'destination.ip', textField: eventData('DestinationIp') },
  DestinationPort: 'destination.port',
  DestinationHostname: 'destination.domain',
  SourceIp: { field: 'source.ip', textField: eventData('SourceIp') },
  SourcePort: 'source.port',
  Protocol: 'network.transport',
  TargetObject: 'registry.path',
  QueryName: 'dns.question.name',
};

const SECURITY_FIELDS: FieldTable = {
  ...WINDOWS_COMMON,
  IpAddress: { field: 'source.ip', textField: eventData('IpAddress') },
};

/** Sigma's Sysmon categories and the Sysmon event ids that produce them. */
const SYSMON_CATEGORIES: Readonly<Record<string, { readonly codes: readonly number[]; readonly eventType?: readonly string[] }>> = {
  process_creation: { codes: [1] },
  file_change: { codes: [2] },
  network_connection: { codes: [3] },
  sysmon_status: { codes: [4, 16] },
  process_termination: { codes: [5] },
  driver_load: { codes: [6] },
  image_load: { codes: [7] },
  create_remote_thread: { codes: [8] },
  raw_access_thread: { codes: [9] },
  process_access: { codes: [10] },
  file_event: { codes: [11] },
  // Sysmon logs key creation and deletion under the same event id; EventType tells them apart.
  registry_add: { codes: [12], eventType: ['CreateKey'] },
  registry_delete: { codes: [12], eventType: ['DeleteKey', 'DeleteValue'] },
  registry_set: { codes: [13] },
  registry_rename: { codes: [14] },
  registry_event: { codes: [12, 13, 14] },
  create_stream_hash: { codes: [15] },
  pipe_created: { codes: [17, 18] },
  wmi_event: { codes: [19, 20, 21] },
  dns_query: { codes: [22] },
  file_delete: { codes: [23, 26] },
  clipboard_capture: { codes: [24] },
  process_tampering: { codes: [25] },
  file_delete_detected: { codes: [26] },
  file_block_executable: { codes: [27] },
  file_block_shredding: { codes: [28] },
  file_executable_detected: { codes: [29] },
  sysmon_error: { codes: [255] },
};

const CLOUDTRAIL_FIELDS: FieldTable = {
  eventSource: 'event.provider',
  eventName: 'event.action',
  sourceIPAddress: { field: 'source.ip', textField: 'source.address' },
  userAgent: 'user_agent.original',
  errorCode: 'aws.cloudtrail.error_code',
  errorMessage: 'aws.cloudtrail.error_message',
  eventType: 'aws.cloudtrail.event_type',
  awsRegion: 'cloud.region',
  recipientAccountId: 'cloud.account.id',
  'userIdentity.type': 'aws.cloudtrail.user_identity.type',
  'userIdentity.arn': 'aws.cloudtrail.user_identity.arn',
  'userIdentity.userName': 'user.name',
  'userIdentity.sessionContext.sessionIssuer.userName': 'user.name',
  'userIdentity.accessKeyId': 'aws.cloudtrail.user_identity.access_key_id',
  requestParameters: 'aws.cloudtrail.request_parameters',
  responseElements: 'aws.cloudtrail.response_elements',
  additionalEventData: 'aws.cloudtrail.additional_eventdata',
};

/** CloudTrail's free-form objects, kept whole in `flattened` fields under their original (camelCase) keys. */
const CLOUDTRAIL_FLATTENED: Readonly<Record<string, string>> = {
  'requestParameters.': 'aws.cloudtrail.flattened.request_parameters.',
  'responseElements.': 'aws.cloudtrail.flattened.response_elements.',
  'additionalEventData.': 'aws.cloudtrail.flattened.additional_eventdata.',
};

const snakeCase = (segment: string) => segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Other CloudTrail fields follow the Elastic integration's naming: `aws.cloudtrail.` plus the path in snake_case. */
function cloudtrailFallback(field: string): string {
  for (const [prefix, target] of Object.entries(CLOUDTRAIL_FLATTENED)) {
    if (field.startsWith(prefix)) return target + field.slice(prefix.length);
  }
  return `aws.cloudtrail.${field.split('.').map(snakeCase).join('.')}`;
}

function mapping(
  name: string,
  datasets: readonly string[],
  filter: estypes.QueryDslQueryContainer | undefined,
  mapField: (sigmaField: string) => MappedField,
): LogsourceMapping {
  return {
    name,
    datasets,
    filter,
    indices: (namespace = '*') => datasets.map((dataset) => `logs-${dataset}-${namespace}`),
    mapField,
  };
}

function eventCodeFilter(codes: readonly number[]): estypes.QueryDslQueryContainer {
  const values = codes.map(String);
  const [only] = values;
  return values.length === 1 && only !== undefined ? { term: { 'event.code': { value: only } } } : { terms: { 'event.code': values } };
}

function sysmonMapping(category: string | undefined): LogsourceMapping | undefined {
  const mapper = tableMapper(SYSMON_FIELDS, eventData);
  if (category === undefined) return mapping('windows/sysmon', ['windows.sysmon_operational'], undefined, mapper);
  const entry = SYSMON_CATEGORIES[category];
  if (entry === undefined) return undefined;
  const codeFilter = eventCodeFilter(entry.codes);
  const filter: estypes.QueryDslQueryContainer =
    entry.eventType === undefined
      ? codeFilter
      : { bool: { filter: [codeFilter, { terms: { [eventData('EventType')]: [...entry.eventType] } }] } };
  return mapping(`windows/sysmon/${category}`, ['windows.sysmon_operational'], filter, mapper);
}

const identity = (field: string) => field;

/**
 * The data streams, filter and field names for a rule's log source, or undefined when the project collects no
 * such events. Windows process, file, network, registry, DNS and pipe categories come from Sysmon; `service:
 * security` and `service: system` from the Windows event logs; `product: aws, service: cloudtrail` from CloudTrail;
 * `product: linux` with `service: auth`/`sshd` (or no service) from the auth log; `product: network, service:
 * flow` from network flows, named in ECS already.
 */
export function resolveLogsource(logsource: SigmaLogsource): LogsourceMapping | undefined {
  const { product, category, service } = logsource;
  if (product === 'windows') {
    if (service === 'sysmon') return category === undefined ? sysmonMapping(undefined) : undefined;
    if (service === undefined) return category === undefined ? undefined : sysmonMapping(category);
    if (category !== undefined) return undefined;
    if (service === 'security') return mapping('windows/security', ['system.security'], undefined, tableMapper(SECURITY_FIELDS, eventData));
    if (service === 'system') return mapping('windows/system', ['system.system'], undefined, tableMapper(SECURITY_FIELDS, eventData));
    return undefined;
  }
  if (product === 'aws' && service === 'cloudtrail' && category === undefined) {
    return mapping('aws/cloudtrail', ['aws.cloudtrail'], undefined, tableMapper(CLOUDTRAIL_FIELDS, cloudtrailFallback));
  }
  if (product === 'linux' && category === undefined) {
    const linuxMapper = tableMapper({}, identity);
    if (service === 'auth' || service === 'sshd') return mapping(`linux/${service}`, ['system.auth'], undefined, linuxMapper);
    // Keyword rules for any Linux log: the auth log and syslog are the Linux logs we collect.
    if (service === undefined) return mapping('linux', ['system.auth', 'system.syslog'], undefined, linuxMapper);
    return undefined;
  }
  if (product === 'network' && service === 'flow' && category === undefined) {
    return mapping('network/flow', ['network_traffic.flow'], undefined, tableMapper({}, identity));
  }
  return undefined;
}
