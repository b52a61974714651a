import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvSchema } from '../../../src/config/env.js';

const ComposeSchema = z.object({
  name: z.string(),
  services: z.record(
    z.string(),
    z.object({
      image: z.string(),
      build: z.object({ context: z.string(), target: z.string() }).optional(),
      command: z.array(z.string()).optional(),
      environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      ports: z.array(z.string()).optional(),
      volumes: z.array(z.string()).optional(),
    }),
  ),
});

const compose = ComposeSchema.parse(parse(readFileSync('docker-compose.dev.yml', 'utf8'), { merge: true }));
const production = z
  .object({ services: z.record(z.string(), z.looseObject({ image: z.string() })) })
  .parse(parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }));
/** Each app service and the inspector port it publishes. */
const appServices = [
  ['api', 9229],
  ['producer', 9230],
  ['workers', 9231],
  ['mcp-server', 9232],
] as const;

function service(name: string) {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.dev.yml has no service ${name}`);
  return found;
}

describe('docker-compose.dev.yml', () => {
  it('runs the same services as docker-compose.yml, under a project name of its own', () => {
    expect(Object.keys(compose.services).sort()).toEqual(Object.keys(production.services).sort());
    expect(compose.name).toBe('soc-agent-dev');
  });

  it('runs Redis and Elasticsearch from the same images as docker-compose.yml', () => {
    for (const name of ['redis', 'elasticsearch']) expect(service(name).image, name).toBe(production.services[name]?.image);
  });

  it.each(appServices)('runs %s from the build stage of the Dockerfile, which has the dev dependencies', (name) => {
    expect(service(name).build).toEqual({ context: '.', target: 'build' });
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^FROM \S+ AS build$/m);
  });

  it.each(appServices)('gives %s only variables the config schema knows', (name) => {
    const known = new Set(Object.keys(EnvSchema.shape));
    expect(Object.keys(service(name).environment ?? {}).filter((variable) => !known.has(variable))).toEqual([]);
  });

  it.each(appServices)('reloads %s with tsx watch from a source entry point that exists', (name) => {
    const command = service(name).command ?? [];
    expect(command.slice(0, 2)).toEqual(['node_modules/.bin/tsx', 'watch']);
    const entry = command.find((arg) => arg.endsWith('.ts')) ?? '';
    expect(entry).toMatch(/^src\/[a-z-]+\/main\.ts$/);
    expect(existsSync(entry), `${entry} does not exist`).toBe(true);
  });

  it.each(appServices)('opens the Node inspector of %s on port %i, published on loopback only', (name, port) => {
    expect(service(name).command).toContain(`--inspect=0.0.0.0:${port}`);
    expect(service(name).ports).toContain(`127.0.0.1:${port}:${port}`);
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.values(compose.services).flatMap((entry) => entry.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.filter((port) => !port.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it.each(appServices)('mounts the source of %s read-only, so a save reloads it and a process cannot change it', (name) => {
    const volumes = service(name).volumes ?? [];
    expect(volumes).toContain('./src:/app/src:ro');
    expect(volumes.filter((volume) => volume.startsWith('./') && !volume.endsWith(':ro'))).toEqual([]);
  });

  it('defaults the API and MCP tokens to values that say they are for development only', () => {
    expect(service('api').environment?.API_TOKEN).toMatch(/^\$\{API_TOKEN:-dev-only-[a-z-]{16,}\}$/);
    expect(service('mcp-server').environment?.MCP_HTTP_TOKEN).toMatch(/^\$\{MCP_HTTP_TOKEN:-dev-only-[a-z-]{16,}\}$/);
  });
});
