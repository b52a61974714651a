import { z } from 'zod';

/**
 * Shapes shared by every telemetry document. Documents follow Elastic Common Schema (ECS) and the field layout of
 * Elastic's integrations, so rules and queries written for Elastic work on them unchanged.
 */
export const DATASETS = ['aws.cloudtrail', 'windows.sysmon_operational', 'system.security', 'system.auth', 'network_traffic.flow'] as const;
export const DatasetSchema = z.enum(DATASETS);
export type Dataset = z.infer<typeof DatasetSchema>;

const ip = z.union([z.ipv4(), z.ipv6()]);
export const IpSchema = ip;

export const EventFieldsSchema = z.object({
  /** Our stable event id; also the document `_id`, so a report can cite it and code can check it exists. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  kind: z.literal('event'),
  category: z.array(z.string()).min(1),
  type: z.array(z.string()).min(1),
  action: z.string().min(1),
  outcome: z.enum(['success', 'failure', 'unknown']).optional(),
  code: z.string().optional(),
  provider: z.string().optional(),
  module: z.string(),
  dataset: DatasetSchema,
  /** The record as the source wrote it. Untrusted: it may carry text aimed at the analyst. */
  original: z.string().optional(),
  duration: z.number().int().nonnegative().optional(),
});

export const DataStreamFieldsSchema = z.object({
  type: z.literal('logs'),
  dataset: DatasetSchema,
  namespace: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
});

export const HostFieldsSchema = z.object({
  name: z.string().min(1),
  hostname: z.string().optional(),
  ip: z.array(ip).optional(),
  os: z.object({ type: z.enum(['windows', 'linux']), family: z.string().optional() }).optional(),
});

export const UserFieldsSchema = z.object({
  name: z.string(),
  domain: z.string().optional(),
  id: z.string().optional(),
});

export const EndpointFieldsSchema = z.object({
  ip: ip.optional(),
  address: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  bytes: z.number().int().nonnegative().optional(),
  domain: z.string().optional(),
});

export const RelatedFieldsSchema = z.object({
  ip: z.array(ip).optional(),
  user: z.array(z.string()).optional(),
  hosts: z.array(z.string()).optional(),
});

/** Fields every telemetry document has, whatever its source. */
export const TelemetryBaseSchema = z.object({
  '@timestamp': z.iso.datetime(),
  event: EventFieldsSchema,
  data_stream: DataStreamFieldsSchema,
  message: z.string().optional(),
  host: HostFieldsSchema.optional(),
  user: UserFieldsSchema.optional(),
  source: EndpointFieldsSchema.optional(),
  destination: EndpointFieldsSchema.optional(),
  related: RelatedFieldsSchema.optional(),
  tags: z.array(z.string()).optional(),
});
export type TelemetryBase = z.infer<typeof TelemetryBaseSchema>;

/** `logs-<dataset>-<namespace>`, Elastic's data stream naming scheme. */
export function dataStreamName(dataset: Dataset, namespace: string): string {
  return `logs-${dataset}-${namespace}`;
}
