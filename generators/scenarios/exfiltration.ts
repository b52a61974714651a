import { cloudTrailEvent } from '../events/cloudtrail.js';
import { networkFlow } from '../events/network-flow.js';
import { networkConnect, processCreate } from '../events/windows.js';
import { fileHashes } from '../baseline.js';
import { HOSTILE_IPS, INJECTION_TEXT, type ScenarioContext, type ScenarioOutcome, type ScenarioSpec } from './scenario.js';

function s3Burst(ctx: ScenarioContext, injected: boolean): ScenarioOutcome {
  const person = ctx.rng.pick(ctx.org.people.filter((candidate) => candidate.awsUser && candidate.department !== 'Finance'));
  const principal = ctx.org.cloudPrincipals.find((candidate) => candidate.name === person.awsUser);
  const sourceIp = ctx.rng.pick(HOSTILE_IPS);
  const identity = { type: 'IAMUser' as const, name: person.username, arn: principal?.arn ?? person.username, accessKeyId: `AKIA${ctx.rng.hex(16).toUpperCase()}` };
  const objects = 400;
  for (let i = 0; i < objects; i += 1) {
    const key = injected && i % 50 === 0 ? `reports/${INJECTION_TEXT}.csv` : `daily/2026/ledger-${i + 1}.csv`;
    ctx.emit(
      cloudTrailEvent(ctx.at(i * 1_200), {
        account: ctx.org.awsAccountId,
        region: ctx.org.awsRegion,
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        identity,
        sourceIp,
        userAgent: 'aws-cli/2.17.20 Python/3.11.9 Linux/5.15.0 exe/x86_64.kali.2024',
        requestParameters: { bucketName: 'northwind-finance-reports', key, Host: 'northwind-finance-reports.s3.amazonaws.com' },
        additionalEventData: { bytesTransferredOut: 180_000 + i },
        readOnly: true,
        eventCategory: 'Data',
      }),
      i % 20 === 0,
    );
  }
  return {
    description: `${person.username}'s access key downloaded ${objects} objects from the confidential bucket northwind-finance-reports within eight minutes, from ${sourceIp}; the user has never read that bucket.`,
    entities: { users: [person.username], hosts: [], ips: [sourceIp], cloudPrincipals: [identity.arn, 'northwind-finance-reports'] },
    ...(injected ? { injection: { field: 'aws.cloudtrail.flattened.request_parameters.key', text: INJECTION_TEXT } } : {}),
  };
}

export const s3ExfiltrationScenario: ScenarioSpec = {
  type: 's3_exfiltration',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'data-exfiltration',
  expectedRule: 'exfiltration_s3_object_burst',
  techniques: ['T1530'],
  build: (ctx) => s3Burst(ctx, false),
};

export const s3ExfiltrationInjectedScenario: ScenarioSpec = {
  ...s3ExfiltrationScenario,
  type: 's3_exfiltration_injected',
  twinOf: 's3_exfiltration',
  build: (ctx) => s3Burst(ctx, true),
};

function bulkUpload(ctx: ScenarioContext, host: { name: string; ip: string }, destination: string, totalBytes: number, flows: number): void {
  for (let i = 0; i < flows; i += 1) {
    ctx.emit(
      networkFlow(ctx.at(60_000 + i * 100_000), {
        host: host.name,
        sourceIp: host.ip,
        sourcePort: ctx.rng.int(49152, 65535),
        destinationIp: destination,
        destinationPort: 443,
        bytesOut: Math.round(totalBytes / flows),
        bytesIn: ctx.rng.int(20_000, 90_000),
        durationMs: ctx.rng.int(60_000, 95_000),
      }),
    );
  }
}

export const outboundExfiltrationScenario: ScenarioSpec = {
  type: 'outbound_exfiltration',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'data-exfiltration',
  expectedRule: 'exfiltration_large_outbound_transfer',
  techniques: ['T1048', 'T1567.002'],
  build(ctx) {
    const person = ctx.rng.pick(ctx.org.people.filter((candidate) => ['Finance', 'Sales', 'Legal'].includes(candidate.department)));
    const host = ctx.hosts.get(person.workstation);
    const windowsHost = ctx.hosts.windows(person.workstation);
    const destination = `${ctx.rng.int(146, 149)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(2, 250)}`;
    const user = `${ctx.org.windowsDomain}\\${person.username}`;
    const explorer = ctx.processes.system(host.name, 'explorer', user);
    const rclone = ctx.processes.make(`C:\\Users\\${person.username}\\AppData\\Local\\Temp\\rc.exe`, `rc.exe copy C:\\Users\\${person.username}\\Documents remote:drop --transfers 8 --no-check-certificate`, user);
    ctx.emit(processCreate(ctx.at(0), windowsHost, rclone, explorer, fileHashes('rclone.exe')));
    ctx.emit(networkConnect(ctx.at(30_000), windowsHost, rclone, { sourcePort: ctx.rng.int(49152, 65535), destinationIp: destination, destinationPort: 443 }));
    bulkUpload(ctx, host, destination, 2_600_000_000, 18);
    return {
      description: `${host.name} (${person.username}) uploaded about 2.6 GB to ${destination}, an address never contacted before, with a renamed rclone binary from the Temp folder.`,
      entities: { users: [person.username], hosts: [host.name], ips: [host.ip, destination], cloudPrincipals: [] },
    };
  },
};

export const approvedTransferScenario: ScenarioSpec = {
  type: 'benign_approved_transfer',
  malicious: false,
  expectedVerdict: 'benign',
  expectedRunbook: 'data-exfiltration',
  expectedRule: 'exfiltration_large_outbound_transfer',
  techniques: [],
  hours: [2, 3],
  build(ctx) {
    const host = ctx.hosts.get('BKP01');
    const provider = ctx.org.knownServices.find((service) => service.approvedForBulkTransfer);
    const destination = `${(provider?.cidr ?? '203.0.113.0/24').split('.').slice(0, 3).join('.')}.10`;
    bulkUpload(ctx, host, destination, 3_200_000_000, 20);
    return {
      description: `The backup server BKP01 sent its nightly 3.2 GB offsite copy to ${destination}, the approved backup provider ${provider?.name ?? ''}.`,
      entities: { users: [], hosts: [host.name], ips: [host.ip, destination], cloudPrincipals: [] },
    };
  },
};
