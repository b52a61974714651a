import { z } from 'zod';
import { readRunbookFile } from '../runbook-files.js';
import type { ToolDeps } from '../tool-deps.js';

export const name = 'get_runbook';
export const title = 'Get a runbook';
export const description =
  'A runbook (Markdown: investigation steps, false-positive notes, allowed responses) by name, as listed by list_runbooks. Long runbooks come in parts: when truncated is true, call again with offset = nextOffset.';

export const inputSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'expected a runbook name such as ssh-brute-force (lowercase letters, digits, - and _)' })
    .describe('Runbook name, without .md.'),
  offset: z.number().int().min(0).max(10_000_000).default(0).describe('Character offset to continue from.'),
});
type Input = z.output<typeof inputSchema>;

export const outputSchema = z.object({
  name: z.string(),
  title: z.string(),
  /** Characters of the whole runbook. */
  length: z.number().int(),
  offset: z.number().int(),
  content: z.string(),
  nextOffset: z.number().int().optional(),
  truncated: z.boolean(),
});
type Output = z.output<typeof outputSchema>;

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  const runbook = await readRunbookFile(deps.runbooksDir, input.name);
  return { name: runbook.name, title: runbook.title, length: runbook.content.length, offset: input.offset, content: runbook.content.slice(input.offset), truncated: false };
}

export function render(output: Output): string {
  return `runbook ${output.name}: "${output.title}", characters ${output.offset}–${output.offset + output.content.length} of ${output.length}${output.nextOffset === undefined ? '' : `; continue with offset ${output.nextOffset}`}`;
}

/** Cuts the content at a line break about a tenth shorter, and says where to continue. */
export function shrink(output: Output): Output | undefined {
  if (output.content.length <= 200) return undefined;
  const target = Math.floor(output.content.length * 0.9);
  const lineEnd = output.content.lastIndexOf('\n', target);
  const cut = lineEnd > target / 2 ? lineEnd + 1 : target;
  return { ...output, content: output.content.slice(0, cut), nextOffset: output.offset + cut, truncated: true };
}
