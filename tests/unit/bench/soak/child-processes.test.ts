import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChild, stopChild, tailOf } from '../../../../bench/soak/child-processes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the child has written `ready`, i.e. has installed its signal handler. */
async function untilReady(logFile: string): Promise<void> {
  while (!tailOf(logFile).includes('ready')) await new Promise((resolve) => setTimeout(resolve, 20));
}

function nodeChild(name: string, script: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soak-child-'));
  dirs.push(dir);
  return startChild({ name, command: process.execPath, args: ['-e', script], env: process.env, cwd: dir, logFile: path.join(dir, `${name}.log`) });
}

describe('soak child processes', () => {
  it('stops a process that honours SIGTERM with SIGTERM', async () => {
    const child = nodeChild('polite', "process.on('SIGTERM', () => { console.log('bye'); process.exit(0); }); console.log('ready'); setInterval(() => undefined, 1000);");
    await untilReady(child.logFile);
    const outcome = await stopChild(child, 5_000);
    expect(outcome).toMatchObject({ name: 'polite', stoppedBy: 'SIGTERM', code: 0 });
    expect(tailOf(child.logFile)).toEqual(['ready', 'bye']);
  });

  it('kills a process that ignores SIGTERM once the timeout has passed', async () => {
    const child = nodeChild('stubborn', "process.on('SIGTERM', () => console.log('ignored')); console.log('ready'); setInterval(() => undefined, 1000);");
    await untilReady(child.logFile);
    const outcome = await stopChild(child, 500);
    expect(outcome).toMatchObject({ name: 'stubborn', stoppedBy: 'SIGKILL', signal: 'SIGKILL' });
  });

  it('records how a process that ended by itself ended', async () => {
    const child = nodeChild('short', 'process.exit(3)');
    const exit = await child.exited;
    expect(exit.code).toBe(3);
    expect(await stopChild(child, 500)).toMatchObject({ stoppedBy: 'already ended', code: 3 });
  });
});
