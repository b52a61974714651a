import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ChildSpec {
  name: string;
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where its stdout and stderr go. */
  logFile: string;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface RunningChild {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has ended. */
  exit: ChildExit | undefined;
  readonly exited: Promise<ChildExit>;
}

export type StopOutcome = { name: string; pid: number; stoppedBy: 'already ended' | 'SIGTERM' | 'SIGKILL'; code: number | null; signal: NodeJS.Signals | null };

/**
 * Starts a process in a process group of its own, so that Ctrl-C in the terminal reaches only the soak, which
 * then stops its children in order; the group also holds the child's own subprocesses (the workers' MCP server).
 */
export function startChild(spec: ChildSpec): RunningChild {
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'w');
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${spec.name} did not start (${spec.command} ${spec.args.join(' ')})`);
  const running: RunningChild = {
    name: spec.name,
    pid: child.pid,
    logFile: spec.logFile,
    exit: undefined,
    exited: new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null): void => {
        running.exit ??= { code, signal, at: Date.now() };
        resolve(running.exit);
      };
      child.once('exit', done);
      child.once('error', () => done(null, null));
    }),
  };
  return running;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone: nothing left to stop.
  }
}

/**
 * SIGTERM to each child (its own clean shutdown: workers finish their steps), SIGKILL to its whole group when
 * it has not ended within `timeoutMs`, and SIGKILL to what is left of the group (subprocesses) either way.
 */
export async function stopChild(child: RunningChild, timeoutMs: number): Promise<StopOutcome> {
  if (child.exit) {
    signalGroup(child.pid, 'SIGKILL');
    return { name: child.name, pid: child.pid, stoppedBy: 'already ended', code: child.exit.code, signal: child.exit.signal };
  }
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    // It ended between the check and the signal; `exited` settles at once.
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const first = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  signalGroup(child.pid, 'SIGKILL');
  const exit = first === 'timeout' ? await child.exited : first;
  return { name: child.name, pid: child.pid, stoppedBy: first === 'timeout' ? 'SIGKILL' : 'SIGTERM', code: exit.code, signal: exit.signal };
}

/** Last resort when the soak itself exits abruptly: no child outlives it. Synchronous, as `exit` handlers must be. */
export function killAll(children: readonly RunningChild[]): void {
  for (const child of children) if (!child.exit) signalGroup(child.pid, 'SIGKILL');
}

/** The last lines of a child's log, to show why it died. */
export function tailOf(file: string, lines = 8): string[] {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
  } catch {
    return [];
  }
}
