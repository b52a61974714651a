import { z } from 'zod';
import type { CloudTrailEvent } from '../cloudtrail-event.js';
import { eventId } from '../event-id.js';
import { classifyCloudTrailEvent } from './cloudtrail-classification.js';
import { normalizeIp } from './ip-address.js';
import { relatedFields } from './related-fields.js';
import { describeIssues, malformed, validateEvent, type MapContext, type MapOutcome } from './map-outcome.js';
import { toIsoTimestamp } from './timestamp.js';

// Exports such as Athena query results write absent fields as null; both mean "not there".
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const JsonObjectSchema = z.record(z.string(), z.unknown());

/** The fields of a CloudTrail record that we map; the rest stays in `event.original`. */
export const CloudTrailRecordSchema = z.object({
  eventVersion: optionalText,
  eventTime: z.string(),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  awsRegion: z.string().min(1),
  eventID: z.string().min(1),
  eventType: optionalText,
  eventCategory: optionalText,
  requestID: optionalText,
  recipientAccountId: optionalText,
  readOnly: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .nullish()
    .transform((value) => value ?? undefined),
  errorCode: optionalText,
  errorMessage: optionalText,
  sourceIPAddress: optionalText,
  userAgent: optionalText,
  requestParameters: z.unknown().optional(),
  responseElements: z.unknown().optional(),
  additionalEventData: z.unknown().optional(),
  userIdentity: z.object({
    type: z.string().min(1),
    arn: optionalText,
    accountId: optionalText,
    accessKeyId: optionalText,
    invokedBy: optionalText,
    userName: optionalText,
    sessionContext: z
      .object({ sessionIssuer: z.object({ userName: optionalText }).nullish() })
      .nullish(),
  }),
});
export type CloudTrailRecord = z.infer<typeof CloudTrailRecordSchema>;

/** Whether a JSON object looks like a CloudTrail record rather than some other log. */
export function isCloudTrailRecord(value: Readonly<Record<string, unknown>>): boolean {
  return 'eventVersion' in value || ('eventSource' in value && 'eventName' in value);
}

/**
 * One CloudTrail record as a `logs-aws.cloudtrail` document, laid out as Elastic's AWS integration does: the
 * request and response are kept both as JSON text and as `flattened` objects so rules can match on any key.
 */
export function mapCloudTrailRecord(value: unknown, context: MapContext): MapOutcome {
  const parsed = CloudTrailRecordSchema.safeParse(value);
  if (!parsed.success) return malformed(`not a CloudTrail record: ${describeIssues(parsed.error.issues)}`);
  const record = parsed.data;
  const timestamp = toIsoTimestamp(record.eventTime);
  if (timestamp === undefined) return malformed(`eventTime: not a time: ${JSON.stringify(record.eventTime)}`);
  const accountId = record.recipientAccountId ?? record.userIdentity.accountId;
  if (accountId === undefined) return malformed('recipientAccountId: missing, and userIdentity.accountId too');

  const sourceIp = record.sourceIPAddress === undefined ? undefined : normalizeIp(record.sourceIPAddress);
  const userName = cloudTrailUserName(record.userIdentity);
  const flattened = {
    request_parameters: asJsonObject(record.requestParameters),
    response_elements: asJsonObject(record.responseElements),
    additional_eventdata: asJsonObject(record.additionalEventData),
  };
  const hasFlattened = Object.values(flattened).some((entry) => entry !== undefined);
  const event: CloudTrailEvent = {
    '@timestamp': timestamp,
    event: {
      id: eventId('cloudtrail', record.eventID),
      kind: 'event',
      ...classifyCloudTrailEvent(record.eventSource, record.eventName),
      action: record.eventName,
      outcome: cloudTrailOutcome(record),
      provider: record.eventSource,
      module: 'aws',
      dataset: 'aws.cloudtrail',
      original: context.original,
    },
    data_stream: { type: 'logs', dataset: 'aws.cloudtrail', namespace: context.namespace },
    cloud: { provider: 'aws', region: record.awsRegion, account: { id: accountId } },
    ...(record.sourceIPAddress === undefined ? {} : { source: { address: record.sourceIPAddress, ...(sourceIp ? { ip: sourceIp } : {}) } }),
    ...(userName === undefined ? {} : { user: { name: userName } }),
    ...(record.userAgent === undefined ? {} : { user_agent: { original: record.userAgent } }),
    related: relatedFields([sourceIp], [userName]),
    aws: {
      cloudtrail: {
        event_version: record.eventVersion,
        event_type: record.eventType,
        event_category: record.eventCategory,
        request_id: record.requestID,
        recipient_account_id: record.recipientAccountId,
        read_only: record.readOnly,
        error_code: record.errorCode,
        error_message: record.errorMessage,
        request_parameters: asJsonText(record.requestParameters),
        response_elements: asJsonText(record.responseElements),
        user_identity: {
          type: record.userIdentity.type,
          arn: record.userIdentity.arn,
          access_key_id: record.userIdentity.accessKeyId,
          invoked_by: record.userIdentity.invokedBy,
        },
        ...(hasFlattened ? { flattened } : {}),
      },
    },
  };
  return validateEvent(event);
}

/**
 * The person or role behind a call: the IAM user name, else the role that issued the session, else the last
 * part of the ARN (the session name of an assumed role, `root` for the root account).
 */
export function cloudTrailUserName(identity: CloudTrailRecord['userIdentity']): string | undefined {
  const fromArn = identity.arn?.split('/').at(-1)?.split(':').at(-1);
  const name = identity.userName ?? identity.sessionContext?.sessionIssuer?.userName ?? fromArn;
  return name === '' ? undefined : name;
}

function cloudTrailOutcome(record: CloudTrailRecord): 'success' | 'failure' {
  if (record.errorCode !== undefined) return 'failure';
  // A failed console sign-in has no error code: CloudTrail says so in the response instead.
  const response = asJsonObject(record.responseElements);
  return response?.['ConsoleLogin'] === 'Failure' ? 'failure' : 'success';
}

function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  const parsed = JsonObjectSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function asJsonText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}
