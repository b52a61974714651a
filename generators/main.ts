import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runMain } from '../src/config/run-main.js';
import { SocAgentError } from '../src/domain/errors.js';
import { createEsClient } from '../src/store/es-client.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import { followTelemetry } from './follow.js';
import { indexTimeline } from './index-timeline.js';
import { SCENARIOS } from './scenarios/catalogue.js';
import { buildTimeline } from './timeline.js';

const HOUR_MS = 3_600_000;

const ArgsSchema = z.object({
  seed: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'expected letters, digits, _ or -' }).default('42'),
  hours: z.coerce.number().int().min(1).max(24 * 31).default(24),
  people: z.coerce.number().int().min(5).max(20_000).default(500),
  start: z.iso.datetime().optional(),
  scenarios: z.string().default('all'),
  out: z.string().optional(),
  index: z.boolean().default(true),
  follow: z.boolean().default(false),
  rate: z.coerce.number().int().min(1).max(100_000).default(200),
  'scenario-every': z.coerce.number().min(0).default(10),
});

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      hours: { type: 'string' },
      people: { type: 'string' },
      start: { type: 'string' },
      scenarios: { type: 'string' },
      out: { type: 'string' },
      'no-index': { type: 'boolean' },
      follow: { type: 'boolean' },
      rate: { type: 'string' },
      'scenario-every': { type: 'string' },
    },
    strict: true,
  });
  const { 'no-index': noIndex, ...rest } = values;
  const parsed = ArgsSchema.safeParse({ ...rest, index: !noIndex });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SocAgentError('INPUT_INVALID', `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function scenarioSelection(value: string): string[] | undefined {
  if (value === 'all') return undefined;
  if (value === 'none') return [];
  const types = value.split(',').map((type) => type.trim());
  const unknown = types.filter((type) => !SCENARIOS.some((spec) => spec.type === type));
  if (unknown.length > 0) {
    throw new SocAgentError('INPUT_INVALID', `--scenarios: unknown type ${unknown.join(', ')}; known: ${SCENARIOS.map((spec) => spec.type).join(', ')}`);
  }
  return types;
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

runMain(async (config) => {
  const args = parseCommandLine();
  const es = createEsClient(config.elasticsearch);
  try {
    if (args.follow) {
      await followTelemetry({ es, config, seed: args.seed, people: args.people, rate: args.rate, scenarioEveryMinutes: args['scenario-every'], log: say });
      return;
    }
    // By default the window ends at the current hour, so detection over "the last day" finds it.
    const start = args.start ? new Date(args.start) : new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - args.hours * HOUR_MS);
    const timeline = buildTimeline({ seed: args.seed, people: args.people, start, hours: args.hours, namespace: config.namespace, scenarios: scenarioSelection(args.scenarios) });
    say(`organisation: ${timeline.organisation.people.length} people, ${timeline.organisation.hosts.length} hosts; window ${start.toISOString()} + ${args.hours} h; ${timeline.scenarios.length} scenarios`);
    if (timeline.skipped.length > 0) say(`scenarios that do not fit the window: ${timeline.skipped.join(', ')}`);

    const started = Date.now();
    const outFile = args.out ? openOutput(args.out, timeline) : undefined;
    const progress = (event: TelemetryEvent, count: number): void => {
      outFile?.write(`${JSON.stringify(event)}\n`);
      if (count % 100_000 === 0) say(`  generated ${count} events (${Math.round(count / ((Date.now() - started) / 1000))}/s)`);
    };
    if (!args.index) {
      let generated = 0;
      for (const event of timeline.events()) progress(event, ++generated);
      await closeOutput(outFile);
      say(`generated ${generated} events in ${((Date.now() - started) / 1000).toFixed(1)} s (not indexed)`);
      return;
    }
    const { generated, report } = await indexTimeline(es, config, timeline, progress);
    await closeOutput(outFile);
    const seconds = (Date.now() - started) / 1000;
    say(`generated ${generated}, indexed ${report.indexed}, already present ${report.alreadyPresent}, failed ${report.failed} in ${seconds.toFixed(1)} s (${Math.round(generated / seconds)} events/s)`);
  } finally {
    await es.close();
  }
});

function openOutput(dir: string, timeline: ReturnType<typeof buildTimeline>) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'organisation.json'), `${JSON.stringify(timeline.organisation, null, 2)}\n`);
  writeFileSync(path.join(dir, 'scenarios.json'), `${JSON.stringify(timeline.scenarios.map((scenario) => scenario.truth), null, 2)}\n`);
  return createWriteStream(path.join(dir, 'events.ndjson'));
}

function closeOutput(stream: ReturnType<typeof createWriteStream> | undefined): Promise<void> {
  return new Promise((resolve, reject) => (stream ? stream.end((err?: Error | null) => (err ? reject(err) : resolve())) : resolve()));
}
