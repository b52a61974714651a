import { SocAgentError } from '../domain/errors.js';

export interface PromptTemplate {
  /** The step the prompt is for, from the file name (`prompts/assess.txt` → `assess`). */
  name: string;
  /** From a `# version: N` header line; recorded with each step as `<name>@<version>`. */
  version: string;
  /** The text after the header lines. */
  template: string;
  placeholders: string[];
}

/**
 * Reads a prompt file's text: leading `# key: value` lines are a header (only `version` is required), the rest is
 * the template. Pure: the caller reads the file and passes its path for error messages.
 */
export function parsePromptTemplate(file: string, text: string): PromptTemplate {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let index = 0;
  for (; index < lines.length; index += 1) {
    const match = /^#\s*([a-z_]+):\s*(.+?)\s*$/.exec(lines[index] ?? '');
    if (!match?.[1] || !match[2]) break;
    header.set(match[1], match[2]);
  }
  const version = header.get('version');
  if (!version) throw new SocAgentError('INPUT_INVALID', `${file}: expected a "# version: N" header line`, { file });
  const template = lines.slice(index).join('\n').trim();
  if (template.length === 0) throw new SocAgentError('INPUT_INVALID', `${file}: the prompt is empty`, { file });
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.txt$/, '');
  const placeholders = [...new Set([...template.matchAll(/\{\{([a-z][a-z0-9_]*)\}\}/g)].map((match) => match[1] ?? ''))];
  return { name, version, template, placeholders };
}
