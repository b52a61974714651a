import { readFileSync, writeFileSync } from 'node:fs';
import { describeEnvironment } from '../../src/config/env.js';
import { renderEnvironmentTable, replaceEnvironmentTable } from '../../src/config/env-table.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', replaceEnvironmentTable(readme, renderEnvironmentTable(describeEnvironment())));
process.stdout.write('README.md configuration table updated\n');
