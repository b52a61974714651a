import type { NetworkFlowEvent } from '../../src/telemetry/network-flow-event.js';
import { dataStream, isoTime, type EventContext } from './context.js';

export interface Flow {
  host: string;
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
  /** Bytes sent by the internal side. */
  bytesOut: number;
  bytesIn: number;
  durationMs: number;
}

/** One finished outbound TCP flow as the egress sensor saw it. */
export function networkFlow(ctx: EventContext, flow: Flow): NetworkFlowEvent {
  return {
    '@timestamp': isoTime(ctx.time),
    event: {
      id: ctx.id,
      kind: 'event',
      category: ['network'],
      type: ['connection', 'end'],
      action: 'network_flow',
      module: 'network_traffic',
      dataset: 'network_traffic.flow',
      duration: flow.durationMs * 1_000_000,
    },
    data_stream: dataStream('network_traffic.flow', ctx.namespace),
    host: { name: flow.host },
    source: { ip: flow.sourceIp, port: flow.sourcePort, bytes: flow.bytesOut },
    destination: { ip: flow.destinationIp, port: flow.destinationPort, bytes: flow.bytesIn },
    network: { transport: 'tcp', direction: 'egress', bytes: flow.bytesOut + flow.bytesIn },
    related: { ip: [flow.sourceIp, flow.destinationIp], hosts: [flow.host] },
  };
}
