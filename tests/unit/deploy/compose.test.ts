import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvSchema } from '../../../src/config/env.js';

const ComposeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string().optional(),
      build: z.unknown().optional(),
      command: z.array(z.string()).optional(),
      environment: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

const compose = ComposeSchema.parse(parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }));
const appServices = ['api', 'producer', 'workers', 'mcp-server'] as const;

describe('docker-compose.yml', () => {
  it('runs redis, elasticsearch and each app process as its own service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'elasticsearch', 'mcp-server', 'producer', 'redis', 'workers']);
  });

  it('builds every app process from the one image', () => {
    for (const name of appServices) {
      expect(compose.services[name]?.image, name).toBe('soc-agent:latest');
      expect(compose.services[name]?.build, name).toBe('.');
    }
  });

  it.each(appServices)('gives %s only variables the config schema knows', (name) => {
    const known = new Set(Object.keys(EnvSchema.shape));
    const unknown = Object.keys(compose.services[name]?.environment ?? {}).filter((variable) => !known.has(variable));
    expect(unknown).toEqual([]);
  });

  it.each(appServices)('starts %s from the compiled entry point of a part that exists', (name) => {
    const entry = compose.services[name]?.command?.[1] ?? '';
    expect(entry).toMatch(/^dist\/src\/[a-z-]+\/main\.js$/);
    expect(existsSync(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')), `${entry} has no source`).toBe(true);
  });
});
