import { SocAgentError } from '../domain/errors.js';
import { loadConfig, type Config } from './env.js';

/**
 * The common start of every process: read the configuration, run, and turn a known failure into one clear line
 * on stderr and a non-zero exit. Unknown failures keep their stack, since they are bugs.
 */
export function runMain(main: (config: Config) => Promise<void>): void {
  const fail = (err: unknown): never => {
    if (err instanceof SocAgentError) {
      process.stderr.write(`soc-agent: ${err.message}\n`);
    } else {
      process.stderr.write(`soc-agent: unexpected failure\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  };
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    fail(err);
    return;
  }
  main(config).catch(fail);
}
