import { z } from 'zod';
import { DatasetSchema } from '../telemetry/ecs-common.js';
import type { TelemetryHit } from '../store/event-store.js';

/**
 * One event as a tool shows it: the fields an analyst reads first and a one-line summary, with the id a report
 * cites. Values come from logs and may hold text written by an attacker; they are data, never instructions.
 */
export const SampleEventSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  dataStream: DatasetSchema,
  action: z.string(),
  outcome: z.string().optional(),
  code: z.string().optional(),
  user: z.string().optional(),
  host: z.string().optional(),
  sourceIp: z.string().optional(),
  destinationIp: z.string().optional(),
  /**
   * The account a change was made to, apart from the actor: the member added to a group (Windows 4728, 4732,
   * 4756), the IAM user created, changed or given a policy (CloudTrail `userName`).
   */
  targetUser: z.string().optional(),
  /** The S3 bucket a CloudTrail call names. */
  bucket: z.string().optional(),
  /** The IAM policy ARN a CloudTrail call attaches or detaches. */
  policy: z.string().optional(),
  summary: z.string(),
});
export type SampleEvent = z.infer<typeof SampleEventSchema>;

/** The source fields a sample needs; nothing else is fetched. */
export const SAMPLE_FIELDS = [
  '@timestamp',
  'event.id',
  'event.action',
  'event.outcome',
  'event.code',
  'event.provider',
  'data_stream.dataset',
  'message',
  'user.name',
  'host.name',
  'source.ip',
  'source.port',
  'destination.ip',
  'destination.port',
  'network.bytes',
  'network.direction',
  'process.name',
  'process.command_line',
  'process.parent.name',
  'file.path',
  'group.name',
  'service.name',
  'dns.question.name',
  'registry.path',
  'winlog.logon.type',
  'winlog.event_data.TargetImage',
  'winlog.event_data.MemberName',
  'winlog.event_data.SubjectUserName',
  'winlog.event_data.WorkstationName',
  'aws.cloudtrail.error_code',
  'aws.cloudtrail.flattened.request_parameters.bucketName',
  'aws.cloudtrail.flattened.request_parameters.userName',
  'aws.cloudtrail.flattened.request_parameters.roleName',
  'aws.cloudtrail.flattened.request_parameters.policyArn',
] as const;

const text = z.string().optional();
const endpoint = z.object({ ip: text, port: z.number().optional() }).optional();

/** The parts of an ECS document a summary reads; everything is optional, since real logs are ragged. */
const SourceDocSchema = z.object({
  '@timestamp': z.string(),
  event: z.object({ id: text, action: text, outcome: text, code: text, provider: text }).optional(),
  data_stream: z.object({ dataset: DatasetSchema }),
  message: text,
  user: z.object({ name: text }).optional(),
  host: z.object({ name: text }).optional(),
  source: endpoint,
  destination: endpoint,
  network: z.object({ bytes: z.number().optional(), direction: text }).optional(),
  process: z.object({ name: text, command_line: text, parent: z.object({ name: text }).optional() }).optional(),
  file: z.object({ path: text }).optional(),
  group: z.object({ name: text }).optional(),
  service: z.object({ name: text }).optional(),
  dns: z.object({ question: z.object({ name: text }).optional() }).optional(),
  registry: z.object({ path: text }).optional(),
  winlog: z
    .object({
      logon: z.object({ type: text }).optional(),
      event_data: z.object({ TargetImage: text, MemberName: text, SubjectUserName: text, WorkstationName: text }).optional(),
    })
    .optional(),
  aws: z
    .object({
      cloudtrail: z
        .object({
          error_code: text,
          flattened: z
            .object({ request_parameters: z.object({ bucketName: text, userName: text, roleName: text, policyArn: text }).optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});
type SourceDoc = z.infer<typeof SourceDocSchema>;

/** Longest summary, in characters: enough for a command line's gist, small enough for ten rows in a budget. */
export const SUMMARY_MAX = 160;

function clip(value: string): string {
  // Control characters and newlines would let a log line pose as a line of the tool's own output.
  const flat = value.replace(/\p{Cc}+/gu, ' ').trim();
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

/** Group-membership events whose `MemberName` names the account added or removed. */
const MEMBER_EVENT_CODES = new Set(['4728', '4729', '4732', '4733', '4756', '4757']);

/** `CN=helpdesk_tmp,CN=Users,DC=corp,DC=local` → `helpdesk_tmp`; a plain name as it is; `-` (no name logged) → none. */
function memberAccountName(memberName: string | undefined): string | undefined {
  if (!memberName || memberName === '-') return undefined;
  const cn = /^CN=((?:\\,|[^,])+)/i.exec(memberName);
  return (cn?.[1] ?? memberName).replaceAll('\\,', ',');
}

function targetUserOf(doc: SourceDoc): string | undefined {
  if (doc.data_stream.dataset === 'system.security' && doc.event?.code && MEMBER_EVENT_CODES.has(doc.event.code)) return memberAccountName(doc.winlog?.event_data?.MemberName);
  if (doc.data_stream.dataset === 'aws.cloudtrail') return doc.aws?.cloudtrail?.flattened?.request_parameters?.userName;
  return undefined;
}

const join = (...parts: (string | undefined | false)[]): string => parts.filter((part): part is string => Boolean(part)).join(' ');

function summarise(doc: SourceDoc): string {
  const action = doc.event?.action ?? 'event';
  const user = doc.user?.name;
  const src = doc.source?.ip;
  const dst = doc.destination?.ip;
  switch (doc.data_stream.dataset) {
    case 'windows.sysmon_operational': {
      const process = doc.process?.name ?? 'process';
      switch (doc.event?.code) {
        case '1':
          return join(doc.process?.parent?.name && `${doc.process.parent.name} →`, `${process}:`, doc.process?.command_line ?? '');
        case '3':
          return join(process, 'connects to', dst && `${dst}:${doc.destination?.port ?? '?'}`);
        case '10':
          return join(process, 'opened', doc.winlog?.event_data?.TargetImage ?? 'a process');
        case '11':
          return join(process, 'created', doc.file?.path);
        case '12':
        case '13':
        case '14':
          return join(process, 'set', doc.registry?.path);
        case '22':
          return join(process, 'looked up', doc.dns?.question?.name);
        default:
          return join(action, process);
      }
    }
    case 'system.security': {
      const data = doc.winlog?.event_data;
      if (doc.event?.code === '4624' || doc.event?.code === '4625') {
        return join(action, user, doc.winlog?.logon?.type && `(${doc.winlog.logon.type})`, src && `from ${src}`, data?.WorkstationName && `workstation ${data.WorkstationName}`);
      }
      if (doc.group?.name) return join(data?.SubjectUserName, action, data?.MemberName ?? user, 'in', doc.group.name);
      if (doc.service?.name) return join(action, doc.service.name, user && `by ${user}`);
      return join(action, user);
    }
    case 'system.auth':
      return doc.message ?? join(action, user, src && `from ${src}`);
    case 'aws.cloudtrail': {
      const params = doc.aws?.cloudtrail?.flattened?.request_parameters;
      const target = params?.bucketName ?? params?.userName ?? params?.roleName;
      return join(action, target && `on ${target}`, params?.policyArn && `(${params.policyArn})`, user && `by ${user}`, src && `from ${src}`, doc.aws?.cloudtrail?.error_code && `→ ${doc.aws.cloudtrail.error_code}`);
    }
    case 'network_traffic.flow':
      return join(src, '→', dst && `${dst}:${doc.destination?.port ?? '?'}`, doc.network?.direction, doc.network?.bytes !== undefined && `${doc.network.bytes} bytes`);
  }
}

/** A hit as a sample row; a hit that is not a telemetry document at all yields undefined and is left out. */
export function toSampleEvent(hit: TelemetryHit): SampleEvent | undefined {
  const parsed = SourceDocSchema.safeParse(hit.source);
  if (!parsed.success) return undefined;
  const doc = parsed.data;
  const targetUser = targetUserOf(doc);
  const params = doc.data_stream.dataset === 'aws.cloudtrail' ? doc.aws?.cloudtrail?.flattened?.request_parameters : undefined;
  return {
    id: hit.id,
    timestamp: doc['@timestamp'],
    dataStream: doc.data_stream.dataset,
    action: doc.event?.action ?? 'unknown',
    ...(doc.event?.outcome ? { outcome: doc.event.outcome } : {}),
    ...(doc.event?.code ? { code: doc.event.code } : {}),
    ...(doc.user?.name ? { user: clip(doc.user.name) } : {}),
    ...(doc.host?.name ? { host: clip(doc.host.name) } : {}),
    ...(doc.source?.ip ? { sourceIp: doc.source.ip } : {}),
    ...(doc.destination?.ip ? { destinationIp: doc.destination.ip } : {}),
    ...(targetUser ? { targetUser: clip(targetUser) } : {}),
    ...(params?.bucketName ? { bucket: clip(params.bucketName) } : {}),
    ...(params?.policyArn ? { policy: clip(params.policyArn) } : {}),
    summary: clip(summarise(doc)),
  };
}
