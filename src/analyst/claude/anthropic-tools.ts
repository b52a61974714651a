import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { ToolNameSchema, type ToolName } from '../../domain/evidence.js';
import { TOOLS } from '../../mcp-server/server.js';

/**
 * Tools the investigate step offers the model: the MCP server's evidence tools, minus those that look beyond this
 * investigation (other alerts, the runbook list; the runbook is already in the system prompt).
 */
export const INVESTIGATE_TOOLS: readonly ToolName[] = ['search_events', 'get_timeline', 'get_entity_context', 'enrich_ip', 'get_alert'];

/**
 * The MCP tools as Anthropic tool definitions, derived from the same zod input schemas the server parses with, so
 * the two never drift. The last definition carries `cache_control`: the API caches tools and system prompt up to
 * that point as one stable prefix.
 */
export function anthropicTools(names: readonly ToolName[] = INVESTIGATE_TOOLS): Anthropic.Messages.Tool[] {
  const definitions = TOOLS.filter((tool) => ToolNameSchema.safeParse(tool.name).success && names.some((name) => name === tool.name)).map(
    (tool): Anthropic.Messages.Tool => {
      // `io: 'input'` describes what a caller may send (defaults optional); `$schema` is noise to the model.
      const schema = z.toJSONSchema(tool.inputSchema, { io: 'input', unrepresentable: 'any' });
      delete schema.$schema;
      return { name: tool.name, description: tool.description, input_schema: { ...schema, type: 'object' } };
    },
  );
  const last = definitions.at(-1);
  if (last) last.cache_control = { type: 'ephemeral' };
  return definitions;
}
