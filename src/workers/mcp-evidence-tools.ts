import type { EvidenceTools } from '../analyst/evidence-tools.js';
import type { McpClient } from '../mcp-server/client.js';
import type { Log } from '../observability/logger.js';
import { inSpan } from '../observability/tracing.js';

/**
 * The analyst's only window on evidence: the MCP server, through the workers' client. Each call is one log line
 * (tool, argument names, outcome, duration; the step's investigation and alert come from the log context) and one
 * span. Argument values are not logged: they may carry attacker-written text, and the evidence keeps them anyway.
 */
export function mcpEvidenceTools(client: McpClient, log: Log = () => undefined): EvidenceTools {
  return {
    async call(tool, args) {
      return inSpan(`tool ${tool}`, { 'soc.tool': tool }, async () => {
        const started = performance.now();
        const result = await client.tryCallToolByName(tool, args);
        const durationMs = Math.round(performance.now() - started);
        log({ msg: 'tool call', tool, arguments: Object.keys(args), ok: result.ok, ...(result.ok ? {} : { code: result.code }), duration_ms: durationMs });
        return result.ok ? { ok: true, output: result.output } : { ok: false, code: result.code, message: result.message };
      });
    },
  };
}
