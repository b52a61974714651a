import { z } from 'zod';
import { listRunbookFiles } from '../runbook-files.js';
import type { ToolDeps } from '../tool-deps.js';

export const name = 'list_runbooks';
export const title = 'List runbooks';
export const description = 'The runbooks available to get_runbook: name (what get_runbook takes), title and size in bytes.';

export const inputSchema = z.strictObject({});

export const outputSchema = z.object({
  runbooks: z.array(z.object({ name: z.string(), title: z.string(), bytes: z.number().int() })),
  truncated: z.boolean(),
});
type Output = z.output<typeof outputSchema>;

export async function handle(deps: ToolDeps): Promise<Output> {
  return { runbooks: await listRunbookFiles(deps.runbooksDir), truncated: false };
}

export function render(output: Output): string {
  return `${output.runbooks.length} runbooks: ${output.runbooks.map((runbook) => runbook.name).join(', ')}`;
}

export function shrink(output: Output): Output | undefined {
  return output.runbooks.length > 0 ? { runbooks: output.runbooks.slice(0, -1), truncated: true } : undefined;
}
