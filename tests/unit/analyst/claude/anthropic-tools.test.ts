import { describe, expect, it } from 'vitest';
import { anthropicTools, INVESTIGATE_TOOLS } from '../../../../src/analyst/claude/anthropic-tools.js';

describe('anthropicTools', () => {
  it('offers each investigate tool with an object JSON Schema taken from its MCP input schema', () => {
    const tools = anthropicTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...INVESTIGATE_TOOLS].sort());
    for (const tool of tools) {
      expect(tool.input_schema.type).toBe('object');
      expect(tool.input_schema).not.toHaveProperty('$schema');
      expect(tool.description?.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(tools.find((tool) => tool.name === 'search_events')?.input_schema.properties)).toContain('limit');
  });

  it('marks only the last definition for caching, closing the stable prefix', () => {
    const tools = anthropicTools();
    expect(tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(tools.slice(0, -1).every((tool) => tool.cache_control === undefined)).toBe(true);
  });
});
