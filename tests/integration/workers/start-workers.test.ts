import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { isolate } from '../../support/isolation.js';

const dir = mkdtempSync(path.join(tmpdir(), 'runbooks-'));
const iso = isolate({ RUNBOOKS_DIR: dir });
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await iso.cleanup();
});

describe('starting the workers', () => {
  it('refuses a runbook that does not validate, naming the file, instead of investigating without it', async () => {
    cpSync('runbooks', dir, { recursive: true });
    const file = path.join(dir, 'brute-force.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/weight: [0-9.]+/, 'weight: 0'));
    const refusal = await startWorkers(iso.es, iso.config, () => undefined).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refusal).toMatchObject({ code: 'RUNBOOK_INVALID' });
    expect(String(refusal)).toContain('brute-force.md');
  });
});
