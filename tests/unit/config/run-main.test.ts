import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('starting a process with bad configuration', () => {
  it.each([
    ['REDIS_URL', 'not a url', 'REDIS_URL: expected a redis:// or rediss:// URL'],
    ['ELASTICSEARCH_URL', 'localhost:9200', 'ELASTICSEARCH_URL: expected an http:// or https:// URL'],
  ])('prints one line naming %s and exits non-zero', (variable, value, expected) => {
    const result = start('src/demo/main.ts', { [variable]: value });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('bringing up');
    expect(result.stderr.trim().split('\n')).toEqual([`soc-agent: Invalid configuration: ${expected}`]);
  });
});
