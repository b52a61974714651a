import { cloudTrailEvent } from '../events/cloudtrail.js';
import { HOSTILE_IPS, type ScenarioSpec } from './scenario.js';

export const cloudTrailDisabledScenario: ScenarioSpec = {
  type: 'cloudtrail_disabled',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'defense-evasion',
  expectedRule: 'defense_evasion_cloudtrail_disabled',
  techniques: ['T1562.008'],
  build(ctx) {
    const person = ctx.rng.pick(ctx.org.people.filter((candidate) => candidate.isAdmin && candidate.awsUser));
    const principal = ctx.org.cloudPrincipals.find((candidate) => candidate.name === person.awsUser);
    const identity = { type: 'IAMUser' as const, name: person.username, arn: principal?.arn ?? person.username, accessKeyId: `AKIA${ctx.rng.hex(16).toUpperCase()}` };
    const sourceIp = ctx.rng.pick(HOSTILE_IPS);
    const trailArn = `arn:aws:cloudtrail:${ctx.org.awsRegion}:${ctx.org.awsAccountId}:trail/org-trail`;
    const call = (offset: number, eventName: string) =>
      ctx.emit(
        cloudTrailEvent(ctx.at(offset), {
          account: ctx.org.awsAccountId,
          region: ctx.org.awsRegion,
          eventSource: 'cloudtrail.amazonaws.com',
          eventName,
          identity,
          sourceIp,
          userAgent: 'aws-cli/2.17.20 Python/3.11.9 Linux/5.15.0 exe/x86_64.kali.2024',
          requestParameters: { name: trailArn },
          responseElements: null,
          readOnly: false,
        }),
      );
    call(0, 'StopLogging');
    call(40_000, 'DeleteTrail');
    return {
      description: `${person.username}'s access key, used from ${sourceIp}, stopped and deleted the organisation trail org-trail.`,
      entities: { users: [person.username], hosts: [], ips: [sourceIp], cloudPrincipals: [identity.arn] },
    };
  },
};
