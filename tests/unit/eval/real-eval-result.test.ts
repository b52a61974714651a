import { describe, expect, it } from 'vitest';
import { attributeAlerts, RealEvalResultSchema, REAL_EVAL_RESULT_KIND } from '../../../src/eval/real-eval-result.js';
import { parseRealEvalArgs } from '../../../src/eval/real-eval-options.js';
import { renderRealSummary } from '../../../src/eval/render-real-summary.js';
import type { FileTally } from '../../../src/telemetry/real/load-tally.js';
import { makeAlert } from '../../support/alert-builder.js';

const tally = (file: string, mapped: number): FileTally => ({ file, format: 'json', read: mapped + 1, mapped, skipped: new Map([['not a security event', 1]]), malformed: 0, malformedShown: [] });
const fileOfEvent = new Map([
  ['e1', 'otrf/lsass.json.gz'],
  ['e2', 'otrf/lsass.json.gz'],
  ['e3', 'otrf/psexec.json.gz'],
]);

describe('attributeAlerts', () => {
  it('lists under each file the alerts raised on its events, and under each alert its files', () => {
    const lsass = makeAlert({ sampleEventIds: ['e1', 'e2'], rule: { ...makeAlert().rule, title: 'LSASS memory access' } });
    const spanning = makeAlert({ sampleEventIds: ['e2', 'e3'] });
    const { files, alerts } = attributeAlerts(
      [tally('otrf/lsass.json.gz', 10), tally('otrf/psexec.json.gz', 5), tally('otrf/quiet.json.gz', 3)],
      [
        { alert: lsass, verdict: 'malicious', confidence: 0.9, probability: 0.9, runbook: 'credential-access' },
        { alert: spanning, verdict: 'suspicious', confidence: 0.6, probability: 0.6, runbook: 'lateral-movement' },
      ],
      fileOfEvent,
    );
    expect(files.map((file) => [file.file, file.alertIds])).toEqual([
      ['otrf/lsass.json.gz', [lsass.id, spanning.id]],
      ['otrf/psexec.json.gz', [spanning.id]],
      ['otrf/quiet.json.gz', []],
    ]);
    expect(files[0]).toMatchObject({ read: 11, loaded: 10, skipped: 1, malformed: 0, unreadable: null });
    expect(alerts[1]?.files).toEqual(['otrf/lsass.json.gz', 'otrf/psexec.json.gz']);

    const result = RealEvalResultSchema.parse({
      kind: REAL_EVAL_RESULT_KIND,
      version: 1,
      name: 'real',
      dir: '../shared/data/windows',
      analyst: 'offline',
      prefix: 'evalreal-x',
      namespace: 'evalrealx',
      window: { from: '2020-10-18T00:00:00.000Z', to: '2020-10-19T00:00:00.000Z' },
      git: { revision: null, dirty: null },
      startedAt: '2026-11-22T10:00:00.000Z',
      durationMs: 1000,
      files,
      ignored: [],
      alerts,
    });
    const markdown = renderRealSummary(result);
    expect(markdown).toContain(`| \`otrf/lsass.json.gz\` | 11 | 10 | 1 | 0 | \`LSASS memory access\` (\`${lsass.id}\`); `);
    expect(markdown).toContain('| `otrf/quiet.json.gz` | 4 | 3 | 1 | 0 | — | — |');
  });
});

describe('parseRealEvalArgs', () => {
  it('takes one folder and names a bad option', () => {
    expect(parseRealEvalArgs(['../shared/data/windows', '--namespace', 'realeval'])).toMatchObject({ path: '../shared/data/windows', namespace: 'realeval', analyst: 'offline', keep: false });
    expect(() => parseRealEvalArgs([])).toThrow(/expected one folder or file, got 0/);
    expect(() => parseRealEvalArgs(['dir', '--namespace', 'Has Space'])).toThrow(/--namespace: /);
  });
});
