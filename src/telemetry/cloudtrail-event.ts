import { z } from 'zod';
import { TelemetryBaseSchema } from './ecs-common.js';

const JsonObjectSchema = z.record(z.string(), z.unknown());

/** An AWS CloudTrail record in the layout of Elastic's AWS integration (`logs-aws.cloudtrail-*`). */
export const CloudTrailEventSchema = TelemetryBaseSchema.extend({
  data_stream: TelemetryBaseSchema.shape.data_stream.extend({ dataset: z.literal('aws.cloudtrail') }),
  event: TelemetryBaseSchema.shape.event.extend({ dataset: z.literal('aws.cloudtrail'), provider: z.string(), original: z.string() }),
  cloud: z.object({
    provider: z.literal('aws'),
    region: z.string(),
    account: z.object({ id: z.string() }),
  }),
  user_agent: z.object({ original: z.string() }).optional(),
  aws: z.object({
    cloudtrail: z.object({
      event_version: z.string().optional(),
      event_type: z.string().optional(),
      event_category: z.string().optional(),
      request_id: z.string().optional(),
      recipient_account_id: z.string().optional(),
      read_only: z.boolean().optional(),
      error_code: z.string().optional(),
      error_message: z.string().optional(),
      request_parameters: z.string().optional(),
      response_elements: z.string().optional(),
      user_identity: z.object({
        type: z.string(),
        arn: z.string().optional(),
        access_key_id: z.string().optional(),
        invoked_by: z.string().optional(),
      }),
      /** Request, response and extra data as `flattened` fields, so rules can match on any key in them. */
      flattened: z
        .object({
          request_parameters: JsonObjectSchema.optional(),
          response_elements: JsonObjectSchema.optional(),
          additional_eventdata: JsonObjectSchema.optional(),
        })
        .optional(),
    }),
  }),
});
export type CloudTrailEvent = z.infer<typeof CloudTrailEventSchema>;
