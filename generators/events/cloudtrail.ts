import type { CloudTrailEvent } from '../../src/telemetry/cloudtrail-event.js';
import { dataStream, isoTime, type EventContext } from './context.js';

export interface CloudTrailIdentity {
  type: 'IAMUser' | 'AssumedRole' | 'Root';
  /** IAM user name, or the role name for an assumed role. */
  name: string;
  arn: string;
  accessKeyId?: string;
}

export interface CloudTrailCall {
  account: string;
  region: string;
  eventSource: string;
  eventName: string;
  identity: CloudTrailIdentity;
  sourceIp: string;
  userAgent: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  readOnly: boolean;
  eventCategory?: 'Management' | 'Data';
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn';
}

const CATEGORY_BY_SERVICE: Record<string, string[]> = {
  'iam.amazonaws.com': ['iam'],
  's3.amazonaws.com': ['file'],
  'cloudtrail.amazonaws.com': ['configuration'],
  'signin.amazonaws.com': ['authentication'],
  'sts.amazonaws.com': ['authentication'],
};

/** A CloudTrail record as AWS writes it, and its ECS document as Elastic's AWS integration would index it. */
export function cloudTrailEvent(ctx: EventContext, call: CloudTrailCall): CloudTrailEvent {
  const identity = {
    type: call.identity.type,
    principalId: `AIDA${ctx.id.slice(0, 16).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`,
    arn: call.identity.arn,
    accountId: call.account,
    ...(call.identity.accessKeyId ? { accessKeyId: call.identity.accessKeyId } : {}),
    ...(call.identity.type === 'IAMUser' ? { userName: call.identity.name } : {}),
    ...(call.identity.type === 'AssumedRole'
      ? { sessionContext: { sessionIssuer: { type: 'Role', userName: call.identity.name, arn: call.identity.arn } } }
      : {}),
  };
  const record = {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: isoTime(ctx.time).replace(/\.\d{3}Z$/, 'Z'),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent,
    ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: call.errorMessage ?? '' } : {}),
    requestParameters: call.requestParameters ?? null,
    responseElements: call.responseElements ?? null,
    ...(call.additionalEventData ? { additionalEventData: call.additionalEventData } : {}),
    requestID: ctx.id,
    eventID: ctx.id,
    readOnly: call.readOnly,
    eventType: call.eventType ?? 'AwsApiCall',
    managementEvent: (call.eventCategory ?? 'Management') === 'Management',
    recipientAccountId: call.account,
    eventCategory: call.eventCategory ?? 'Management',
  };
  const outcome = call.errorCode ? 'failure' : 'success';
  return {
    '@timestamp': isoTime(ctx.time),
    event: {
      id: ctx.id,
      kind: 'event',
      category: CATEGORY_BY_SERVICE[call.eventSource] ?? ['configuration'],
      type: [call.readOnly ? 'access' : 'change'],
      action: call.eventName,
      outcome,
      provider: call.eventSource,
      module: 'aws',
      dataset: 'aws.cloudtrail',
      original: JSON.stringify(record),
    },
    data_stream: dataStream('aws.cloudtrail', ctx.namespace),
    cloud: { provider: 'aws', region: call.region, account: { id: call.account } },
    source: { ip: call.sourceIp },
    user: { name: call.identity.name },
    user_agent: { original: call.userAgent },
    related: { user: [call.identity.name], ip: [call.sourceIp] },
    aws: {
      cloudtrail: {
        event_version: record.eventVersion,
        event_type: record.eventType,
        event_category: record.eventCategory,
        request_id: ctx.id,
        recipient_account_id: call.account,
        read_only: call.readOnly,
        ...(call.errorCode ? { error_code: call.errorCode, error_message: call.errorMessage ?? '' } : {}),
        ...(call.requestParameters ? { request_parameters: JSON.stringify(call.requestParameters) } : {}),
        ...(call.responseElements ? { response_elements: JSON.stringify(call.responseElements) } : {}),
        user_identity: { type: call.identity.type, arn: call.identity.arn, ...(call.identity.accessKeyId ? { access_key_id: call.identity.accessKeyId } : {}) },
        flattened: {
          ...(call.requestParameters ? { request_parameters: call.requestParameters } : {}),
          ...(call.responseElements ? { response_elements: call.responseElements } : {}),
          ...(call.additionalEventData ? { additional_eventdata: call.additionalEventData } : {}),
        },
      },
    },
  };
}
