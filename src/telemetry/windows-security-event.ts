import { z } from 'zod';
import { TelemetryBaseSchema } from './ecs-common.js';
import { ProcessFieldsSchema, WinlogFieldsSchema } from './sysmon-event.js';

/** A Windows Security log event (`logs-system.security-*`): logons 4624/4625/4672, group changes 4732, services 4697… */
export const WindowsSecurityEventSchema = TelemetryBaseSchema.extend({
  data_stream: TelemetryBaseSchema.shape.data_stream.extend({ dataset: z.literal('system.security') }),
  event: TelemetryBaseSchema.shape.event.extend({ dataset: z.literal('system.security'), code: z.string() }),
  host: TelemetryBaseSchema.shape.host.unwrap(),
  winlog: WinlogFieldsSchema,
  process: ProcessFieldsSchema.optional(),
  group: z.object({ name: z.string(), domain: z.string().optional(), id: z.string().optional() }).optional(),
  service: z.object({ name: z.string() }).optional(),
});
export type WindowsSecurityEvent = z.infer<typeof WindowsSecurityEventSchema>;
