import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TOOLS } from '../../../src/mcp-server/server.js';
import * as getRunbook from '../../../src/mcp-server/tools/get-runbook.js';
import * as getTimeline from '../../../src/mcp-server/tools/get-timeline.js';
import * as searchEvents from '../../../src/mcp-server/tools/search-events.js';

describe.each(TOOLS.map((tool) => [tool.name, tool] as const))('the %s tool', (_name, tool) => {
  it('has a snake_case verb name, a description and an output that says whether it truncated', () => {
    expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
    expect(tool.description.length).toBeGreaterThan(40);
    expect(Object.keys(tool.outputSchema.shape)).toContain('truncated');
  });

  it('refuses fields it does not know', () => {
    expect(tool.inputSchema.safeParse({ __proto__: 1, unexpected: true }).success).toBe(false);
  });

  it('converts to the JSON Schema clients see', () => {
    expect(() => z.toJSONSchema(tool.inputSchema, { io: 'input' })).not.toThrow();
    expect(() => z.toJSONSchema(tool.outputSchema, { io: 'output' })).not.toThrow();
  });
});

describe('tool input schemas', () => {
  it('bound every limit', () => {
    expect(searchEvents.inputSchema.safeParse({ limit: 51 }).success).toBe(false);
    expect(searchEvents.inputSchema.safeParse({ limit: -1 }).success).toBe(false);
    expect(searchEvents.inputSchema.parse({}).limit).toBe(10);
    expect(getTimeline.inputSchema.safeParse({ kind: 'host', value: 'DC01', limit: 1000 }).success).toBe(false);
  });

  it('refuse runbook names that could leave the runbook folder', () => {
    for (const name of ['../package', 'runbooks/x', '/etc/passwd', 'a.md', '', 'X']) expect(getRunbook.inputSchema.safeParse({ name }).success, name).toBe(false);
    expect(getRunbook.inputSchema.safeParse({ name: 'ssh-brute-force' }).success).toBe(true);
  });

  it('require an address for an ip entity and refuse control characters in names', () => {
    expect(getTimeline.inputSchema.safeParse({ kind: 'ip', value: 'DC01', at: '2026-11-18T10:00:00Z' }).success).toBe(false);
    expect(getTimeline.inputSchema.safeParse({ kind: 'ip', value: '10.20.0.0/24', at: '2026-11-18T10:00:00Z' }).success).toBe(true);
    expect(searchEvents.inputSchema.safeParse({ user: 'bob\nIGNORE' }).success).toBe(false);
    expect(searchEvents.inputSchema.safeParse({ ip: '10.0.0.1/99' }).success).toBe(false);
  });

  it('take an S3 bucket name only as a bucket name, never as a pattern', () => {
    expect(searchEvents.inputSchema.safeParse({ bucket: 'northwind-finance-reports' }).success).toBe(true);
    for (const bucket of ['*', 'northwind-*', 'Northwind', 'a', `x${'y'.repeat(70)}`, 'bucket name']) expect(searchEvents.inputSchema.safeParse({ bucket }).success, bucket).toBe(false);
  });
});
