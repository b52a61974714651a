import { z } from 'zod';
import { TelemetryBaseSchema } from './ecs-common.js';

export const ProcessFieldsSchema = z.object({
  pid: z.number().int().nonnegative().optional(),
  entity_id: z.string().optional(),
  executable: z.string().optional(),
  name: z.string().optional(),
  command_line: z.string().optional(),
  working_directory: z.string().optional(),
  pe: z.object({ original_file_name: z.string().optional() }).optional(),
  hash: z.object({ sha256: z.string().optional(), md5: z.string().optional() }).optional(),
  parent: z
    .object({
      pid: z.number().int().nonnegative().optional(),
      entity_id: z.string().optional(),
      executable: z.string().optional(),
      name: z.string().optional(),
      command_line: z.string().optional(),
    })
    .optional(),
});

/** The Windows event envelope of Elastic's integrations; `event_data` keeps the source's own field names. */
export const WinlogFieldsSchema = z.object({
  channel: z.string(),
  provider_name: z.string(),
  event_id: z.string(),
  computer_name: z.string(),
  record_id: z.string().optional(),
  event_data: z.record(z.string(), z.string()),
  logon: z.object({ type: z.string().optional(), id: z.string().optional() }).optional(),
});

/** A Sysmon event (`logs-windows.sysmon_operational-*`): process create (1), network (3), process access (10), file create (11)… */
export const SysmonEventSchema = TelemetryBaseSchema.extend({
  data_stream: TelemetryBaseSchema.shape.data_stream.extend({ dataset: z.literal('windows.sysmon_operational') }),
  event: TelemetryBaseSchema.shape.event.extend({ dataset: z.literal('windows.sysmon_operational'), code: z.string() }),
  host: TelemetryBaseSchema.shape.host.unwrap(),
  winlog: WinlogFieldsSchema,
  process: ProcessFieldsSchema.optional(),
  file: z.object({ path: z.string(), name: z.string().optional(), directory: z.string().optional() }).optional(),
  network: z.object({ transport: z.string().optional(), direction: z.string().optional(), protocol: z.string().optional() }).optional(),
  registry: z.object({ path: z.string().optional(), value: z.string().optional() }).optional(),
  dns: z.object({ question: z.object({ name: z.string() }) }).optional(),
});
export type SysmonEvent = z.infer<typeof SysmonEventSchema>;
