import type { JsonValue, ToolName } from '../domain/evidence.js';

export type ToolAnswer = { ok: true; output: unknown } | { ok: false; code: string; message: string };

/** How an analyst asks for evidence: the MCP server's tools, and nothing else. */
export interface EvidenceTools {
  call(tool: ToolName, args: Record<string, JsonValue>): Promise<ToolAnswer>;
}
