import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { ensureServices, stopServices } from './services.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

runMain(async (config) => {
  const command = process.argv[2];
  switch (command) {
    case 'up':
      await ensureServices(config, say);
      return;
    case 'down':
      await stopServices(say);
      return;
    default:
      throw new SocAgentError('CONFIG_INVALID', `usage: services (up|down), got ${JSON.stringify(command ?? '')}`);
  }
});
