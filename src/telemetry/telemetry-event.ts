import { z } from 'zod';
import { CloudTrailEventSchema } from './cloudtrail-event.js';
import type { Dataset } from './ecs-common.js';
import { LinuxAuthEventSchema } from './linux-auth-event.js';
import { NetworkFlowEventSchema } from './network-flow-event.js';
import { SysmonEventSchema } from './sysmon-event.js';
import { WindowsSecurityEventSchema } from './windows-security-event.js';

export const SCHEMA_BY_DATASET = {
  'aws.cloudtrail': CloudTrailEventSchema,
  'windows.sysmon_operational': SysmonEventSchema,
  'system.security': WindowsSecurityEventSchema,
  'system.auth': LinuxAuthEventSchema,
  'network_traffic.flow': NetworkFlowEventSchema,
} as const satisfies Record<Dataset, z.ZodType>;

export const TelemetryEventSchema = z.union([
  CloudTrailEventSchema,
  SysmonEventSchema,
  WindowsSecurityEventSchema,
  LinuxAuthEventSchema,
  NetworkFlowEventSchema,
]);
export type TelemetryEvent = z.infer<typeof TelemetryEventSchema>;
