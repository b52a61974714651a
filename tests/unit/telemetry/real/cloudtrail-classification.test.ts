import { describe, expect, it } from 'vitest';
import { classifyCloudTrailEvent } from '../../../../src/telemetry/real/cloudtrail-classification.js';

describe('classifyCloudTrailEvent', () => {
  it.each([
    ['iam.amazonaws.com', 'CreateUser', ['iam'], ['user', 'creation']],
    ['iam.amazonaws.com', 'ListRoles', ['iam'], ['info']],
    ['sts.amazonaws.com', 'AssumeRole', ['iam'], ['change']],
    ['signin.amazonaws.com', 'ConsoleLogin', ['authentication'], ['start']],
    ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', ['network'], ['change']],
    ['ec2.amazonaws.com', 'DeleteFlowLogs', ['network'], ['deletion']],
    ['cloudtrail.amazonaws.com', 'StopLogging', ['configuration'], ['change']],
    ['secretsmanager.amazonaws.com', 'GetSecretValue', ['configuration'], ['access']],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', ['configuration'], ['change']],
  ])('sorts %s %s into %j %j', (source, name, category, type) => {
    expect(classifyCloudTrailEvent(source, name)).toEqual({ category, type });
  });
});
