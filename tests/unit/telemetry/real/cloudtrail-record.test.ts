import { describe, expect, it } from 'vitest';
import { CloudTrailEventSchema } from '../../../../src/telemetry/cloudtrail-event.js';
import { eventId } from '../../../../src/telemetry/event-id.js';
import { mapCloudTrailRecord } from '../../../../src/telemetry/real/cloudtrail-record.js';
import { expectMapped, makeMapContext } from '../../../support/map-context.js';

function makeRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/mallory',
      accountId: '111122223333',
      accessKeyId: 'AKIAINVENTED00000001',
      userName: 'mallory',
    },
    eventTime: '2024-05-02T08:25:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachUserPolicy',
    awsRegion: 'us-east-1',
    sourceIPAddress: '075.050.255.067',
    userAgent: 'aws-cli/2.15.0 (invented)',
    requestParameters: { userName: 'backdoor', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    responseElements: null,
    requestID: 'req-1',
    eventID: 'evt-1',
    readOnly: false,
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    recipientAccountId: '111122223333',
    ...overrides,
  };
}

function mapRecord(record: Record<string, unknown>) {
  return CloudTrailEventSchema.parse(expectMapped(mapCloudTrailRecord(record, makeMapContext({ original: JSON.stringify(record) }))));
}

describe('mapCloudTrailRecord', () => {
  it('maps an API call like the Elastic AWS integration does', () => {
    const record = makeRecord();
    const event = mapRecord(record);
    expect(event['@timestamp']).toBe('2024-05-02T08:25:00.000Z');
    expect(event.event).toMatchObject({
      id: eventId('cloudtrail', 'evt-1'),
      kind: 'event',
      category: ['iam'],
      type: ['user', 'creation'],
      action: 'AttachUserPolicy',
      outcome: 'success',
      provider: 'iam.amazonaws.com',
      module: 'aws',
      dataset: 'aws.cloudtrail',
      original: JSON.stringify(record),
    });
    expect(event.data_stream).toEqual({ type: 'logs', dataset: 'aws.cloudtrail', namespace: 'test' });
    expect(event.cloud).toEqual({ provider: 'aws', region: 'us-east-1', account: { id: '111122223333' } });
    expect(event.user).toEqual({ name: 'mallory' });
    expect(event.user_agent).toEqual({ original: 'aws-cli/2.15.0 (invented)' });
    expect(event.aws.cloudtrail).toMatchObject({
      event_version: '1.09',
      event_type: 'AwsApiCall',
      event_category: 'Management',
      request_id: 'req-1',
      recipient_account_id: '111122223333',
      read_only: false,
      user_identity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', access_key_id: 'AKIAINVENTED00000001' },
    });
  });

  it('normalises a zero-padded source address into source.ip and keeps the text in source.address', () => {
    const event = mapRecord(makeRecord());
    expect(event.source).toEqual({ ip: '75.50.255.67', address: '075.050.255.067' });
    expect(event.related?.ip).toEqual(['75.50.255.67']);
  });

  it('puts a service name given as source address in source.address only', () => {
    const event = mapRecord(makeRecord({ sourceIPAddress: 'cloudtrail.amazonaws.com' }));
    expect(event.source).toEqual({ address: 'cloudtrail.amazonaws.com' });
  });

  it('keeps request and response both as JSON text and as flattened objects', () => {
    const event = mapRecord(makeRecord({ responseElements: { accessKey: { status: 'Active' } } }));
    expect(event.aws.cloudtrail.request_parameters).toBe('{"userName":"backdoor","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}');
    expect(event.aws.cloudtrail.response_elements).toBe('{"accessKey":{"status":"Active"}}');
    expect(event.aws.cloudtrail.flattened).toEqual({
      request_parameters: { userName: 'backdoor', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      response_elements: { accessKey: { status: 'Active' } },
    });
  });

  it('marks a call with an error code as a failure and keeps the error', () => {
    const event = mapRecord(makeRecord({ errorCode: 'AccessDenied', errorMessage: 'not allowed' }));
    expect(event.event.outcome).toBe('failure');
    expect(event.aws.cloudtrail).toMatchObject({ error_code: 'AccessDenied', error_message: 'not allowed' });
  });

  it('marks a failed console sign-in as an authentication failure though it has no error code', () => {
    const event = mapRecord(
      makeRecord({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } }),
    );
    expect(event.event).toMatchObject({ category: ['authentication'], type: ['start'], outcome: 'failure' });
  });

  it.each([
    ['the role that issued an assumed-role session', { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/ops/s', sessionContext: { sessionIssuer: { userName: 'ops' } } }, 'ops'],
    ['the last part of the ARN when nothing else names the user', { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/ops/session-7' }, 'session-7'],
    ['root for the root account', { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' }, 'root'],
  ])('names the user after %s', (_what, userIdentity, expected) => {
    expect(mapRecord(makeRecord({ userIdentity })).user).toEqual({ name: expected });
  });

  it('takes the account from the identity when the recipient account is missing', () => {
    expect(mapRecord(makeRecord({ recipientAccountId: undefined })).cloud.account.id).toBe('111122223333');
  });

  it.each([
    ['eventID missing', { eventID: undefined }, /^not a CloudTrail record: eventID: /],
    ['an eventTime that is no time', { eventTime: 'yesterday' }, /^eventTime: not a time/],
    ['no account at all', { recipientAccountId: undefined, userIdentity: { type: 'AWSService', invokedBy: 'x' } }, /^recipientAccountId: missing/],
  ])('reports a record with %s as malformed', (_what, overrides, reason) => {
    const outcome = mapCloudTrailRecord(makeRecord(overrides), makeMapContext());
    expect(outcome.kind).toBe('malformed');
    expect(outcome.kind === 'malformed' && outcome.reason).toMatch(reason);
  });
});
