import type { z } from 'zod';
import type { ToolDeps } from './tool-deps.js';

/**
 * What a tool file exports. `handle` does the work; `render` is the short text shown beside the structured
 * content; `shrink` returns the output with one thing less (a sample row, some text) or undefined when nothing is
 * left to drop, and is applied until the response fits its byte budget.
 *
 * Methods, not function properties: each tool's narrower input and output types then fit this one shape, and the
 * server parses input with the tool's own schema before calling it.
 */
export interface ToolModule {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema: z.ZodObject;
  /** True when the tool may reach outside this deployment (live threat-intel services). */
  readonly openWorld?: boolean;
  handle(deps: ToolDeps, input: Record<string, unknown>): Promise<{ truncated: boolean }>;
  render(output: Record<string, unknown>): string;
  shrink?(output: Record<string, unknown>): Record<string, unknown> | undefined;
}
