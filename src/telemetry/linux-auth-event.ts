import { z } from 'zod';
import { TelemetryBaseSchema } from './ecs-common.js';

/** A Linux `auth.log` line (`logs-system.auth-*`) in the layout of Elastic's system integration: sshd and sudo. */
export const LinuxAuthEventSchema = TelemetryBaseSchema.extend({
  data_stream: TelemetryBaseSchema.shape.data_stream.extend({ dataset: z.literal('system.auth') }),
  event: TelemetryBaseSchema.shape.event.extend({ dataset: z.literal('system.auth'), original: z.string() }),
  message: z.string(),
  host: TelemetryBaseSchema.shape.host.unwrap(),
  process: z.object({ name: z.string(), pid: z.number().int().nonnegative().optional() }),
  system: z.object({
    auth: z.object({
      ssh: z
        .object({
          event: z.enum(['Accepted', 'Failed', 'Invalid']),
          method: z.string().optional(),
        })
        .optional(),
      sudo: z
        .object({
          command: z.string().optional(),
          user: z.string().optional(),
          tty: z.string().optional(),
          pwd: z.string().optional(),
          error: z.string().optional(),
        })
        .optional(),
    }),
  }),
});
export type LinuxAuthEvent = z.infer<typeof LinuxAuthEventSchema>;
