import { redactUrl } from '../config/redact-url.js';
import { runMain } from '../config/run-main.js';
import { ensureServices } from '../local-services/services.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

runMain(async (config) => {
  say('soc-agent demo: bringing up Redis and Elasticsearch');
  const health = await ensureServices(config, (line) => say(`  ${line}`));
  say('');
  say(`Redis          ${redactUrl(config.redis.url)}  version ${health.redis.version}`);
  say(`Elasticsearch  ${redactUrl(config.elasticsearch.url)}  version ${health.elasticsearch.version}, cluster ${health.elasticsearch.status}`);
  say('');
  say('Both servers answer. Stop the local ones with: npm run services:down');
});
