import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const tracer = trace.getTracer('soc-agent');

/**
 * Runs `work` in a span named `name` (a step, a tool call), marking it failed with the error when it throws. Without
 * `startTracing` the OpenTelemetry API is a no-op, so this costs nothing when traces are off.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}

export interface Tracing {
  /** Sends the spans still buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Exports spans over OTLP/HTTP (JSON) to `${endpoint}/v1/traces` when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, under
 * the process's service name; otherwise does nothing.
 */
export function startTracing(endpoint: string | undefined, service: string): Tracing {
  if (!endpoint) return { shutdown: async () => undefined };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 1_000 })],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
