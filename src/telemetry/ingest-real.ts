import { runMain } from '../config/run-main.js';
import { createEsClient } from '../store/es-client.js';
import { ingestEvents, installTelemetryTemplates } from '../store/telemetry-store.js';
import { parseIngestRealArgs } from './real/ingest-real-options.js';
import { loadDirectory } from './real/load-directory.js';
import { LoadTally } from './real/load-tally.js';
import { renderLoadReport } from './real/render-load-report.js';

/**
 * `npm run ingest:real -- <folder> [--namespace n] [--year yyyy]`: loads real logs (CloudTrail, Windows event
 * JSON, SigmaHQ regression samples, auth.log) into the telemetry data streams and reports what happened to every
 * record. Skipped and malformed records are explained in the report and do not fail the run; a document
 * Elasticsearch refused, or a file that could not be read, does.
 */
runMain(async (config) => {
  const options = parseIngestRealArgs(process.argv.slice(2), { namespace: config.namespace });
  const es = createEsClient(config.elasticsearch);
  try {
    await installTelemetryTemplates(es, config.prefix, options.namespace);
    const tally = new LoadTally();
    const items = loadDirectory(options.path, { namespace: options.namespace, ...(options.year === undefined ? {} : { year: options.year }) });
    const report = await ingestEvents(es, tally.events(items), { namespace: options.namespace });
    process.stdout.write(`${renderLoadReport(tally, report)}\n`);
    if (report.failed > 0 || tally.totals.unreadable > 0) process.exitCode = 1;
  } finally {
    await es.close();
  }
});
