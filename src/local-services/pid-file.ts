import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A pid file marks a server this project started, so `services:down` never stops one it did not start. */
export class PidFile {
  constructor(readonly file: string) {}

  read(): number | undefined {
    try {
      const pid = Number.parseInt(readFileSync(this.file, 'utf8').trim(), 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  write(pid: number): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${pid}\n`);
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }

  /** The recorded pid if that process still runs; a stale file is removed. */
  alive(): number | undefined {
    const pid = this.read();
    if (pid === undefined) return undefined;
    if (isRunning(pid)) return pid;
    this.remove();
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  if (!isRunning(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(pid) && Date.now() < deadline) await sleep(200);
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  while (isRunning(pid)) await sleep(100);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
