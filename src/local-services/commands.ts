import { spawnSync } from 'node:child_process';
import { SocAgentError } from '../domain/errors.js';

/** Fails with a clear `TOOL_MISSING` when a program the local services need is not on PATH. */
export function requireCommand(command: string, versionArgs: readonly string[], installHint: string): void {
  const result = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (result.error) {
    throw new SocAgentError('TOOL_MISSING', `${command} was not found on PATH: ${installHint}`, { command });
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(hostname) || hostname.startsWith('127.');
}
