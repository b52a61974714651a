import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { redactUrl } from '../config/redact-url.js';
import { SocAgentError } from '../domain/errors.js';
import { fetchRedisHealth, type RedisHealth } from '../store/redis-connection.js';
import { isLoopbackHost, requireCommand } from './commands.js';
import { DEV_DIR } from './paths.js';
import { PidFile, sleep, stopProcess } from './pid-file.js';

const pidFile = new PidFile(path.join(DEV_DIR, 'redis.pid'));

export type EnsureResult<H> = { health: H; started: boolean };

/**
 * Uses the Redis that answers at `url`; otherwise starts `redis-server` on loopback with nothing kept on disk.
 * A remote URL that does not answer is an error: we only ever start servers on this machine.
 */
export async function ensureRedis(url: string): Promise<EnsureResult<RedisHealth>> {
  try {
    return { health: await fetchRedisHealth(url), started: false };
  } catch (err) {
    const { hostname, port } = new URL(url);
    if (!isLoopbackHost(hostname)) throw err;
    requireCommand('redis-server', ['--version'], 'install it (Debian: apt-get install redis-server) or point REDIS_URL at a running Redis');
    mkdirSync(DEV_DIR, { recursive: true });
    const result = spawnSync(
      'redis-server',
      [
        '--port', port || '6379',
        '--bind', '127.0.0.1',
        '--save', '',
        '--appendonly', 'no',
        '--daemonize', 'yes',
        '--pidfile', pidFile.file,
        '--logfile', path.join(DEV_DIR, 'redis.log'),
        '--dir', DEV_DIR,
      ],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) {
      throw new SocAgentError('SERVICE_START_FAILED', `redis-server exited with status ${String(result.status)}; see .dev/redis.log`, { url: redactUrl(url) });
    }
    return { health: await waitForRedis(url), started: true };
  }
}

async function waitForRedis(url: string): Promise<RedisHealth> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fetchRedisHealth(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/** Stops the Redis this project started; leaves any other Redis alone. Returns whether it stopped one. */
export async function stopRedis(): Promise<boolean> {
  const pid = pidFile.alive();
  if (pid === undefined) return false;
  await stopProcess(pid, 5_000);
  pidFile.remove();
  return true;
}
