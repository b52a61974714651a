import { z } from 'zod';
import { TelemetryBaseSchema } from './ecs-common.js';

/** A finished network flow seen at the egress (`logs-network_traffic.flow-*`), with bytes each way. */
export const NetworkFlowEventSchema = TelemetryBaseSchema.extend({
  data_stream: TelemetryBaseSchema.shape.data_stream.extend({ dataset: z.literal('network_traffic.flow') }),
  event: TelemetryBaseSchema.shape.event.extend({ dataset: z.literal('network_traffic.flow') }),
  source: TelemetryBaseSchema.shape.source.unwrap().extend({ ip: z.union([z.ipv4(), z.ipv6()]), bytes: z.number().int().nonnegative() }),
  destination: TelemetryBaseSchema.shape.destination.unwrap().extend({ ip: z.union([z.ipv4(), z.ipv6()]), bytes: z.number().int().nonnegative() }),
  network: z.object({
    transport: z.enum(['tcp', 'udp']),
    direction: z.enum(['egress', 'ingress', 'internal']),
    bytes: z.number().int().nonnegative(),
    protocol: z.string().optional(),
  }),
});
export type NetworkFlowEvent = z.infer<typeof NetworkFlowEventSchema>;
