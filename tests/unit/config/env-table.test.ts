import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeEnvironment } from '../../../src/config/env.js';
import { renderEnvironmentTable, replaceEnvironmentTable, TABLE_END, TABLE_START } from '../../../src/config/env-table.js';

describe('the configuration table', () => {
  it('in README.md matches the config schema (regenerate with npm run docs:config)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(replaceEnvironmentTable(readme, renderEnvironmentTable(describeEnvironment()))).toBe(readme);
  });

  it('marks secrets and escapes pipes', () => {
    const table = renderEnvironmentTable([{ name: 'X', default: undefined, description: 'a|b', secret: true }]);
    expect(table).toContain('| `X` |  | a\\|b Secret: never printed or logged. |');
  });

  it('replaces only the text between the markers', () => {
    const readme = `intro\n${TABLE_START}\nold\n${TABLE_END}\noutro`;
    expect(replaceEnvironmentTable(readme, 'new')).toBe(`intro\n${TABLE_START}\nnew\n${TABLE_END}\noutro`);
  });
});
