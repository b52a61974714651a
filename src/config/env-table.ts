import type { EnvironmentVariable } from './env.js';

export const TABLE_START = '<!-- config-table:start -->';
export const TABLE_END = '<!-- config-table:end -->';

/** The README's configuration table, rendered from the config schema so that the two cannot drift apart. */
export function renderEnvironmentTable(variables: readonly EnvironmentVariable[]): string {
  const rows = variables.map((variable) => {
    const fallback = variable.default === undefined ? '' : `\`${variable.default}\``;
    const description = variable.secret ? `${variable.description} Secret: never printed or logged.` : variable.description;
    return `| \`${variable.name}\` | ${fallback} | ${description.replaceAll('|', '\\|')} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the text between the table markers of `readme` with `table`. */
export function replaceEnvironmentTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`README has no ${TABLE_START} … ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
