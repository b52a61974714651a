import type { EvidenceTools } from '../analyst/evidence-tools.js';
import type { McpClient } from '../mcp-server/client.js';

/** The analyst's only window on evidence: the MCP server, through the workers' client. */
export function mcpEvidenceTools(client: McpClient): EvidenceTools {
  return {
    async call(tool, args) {
      const result = await client.tryCallToolByName(tool, args);
      return result.ok ? { ok: true, output: result.output } : { ok: false, code: result.code, message: result.message };
    },
  };
}
