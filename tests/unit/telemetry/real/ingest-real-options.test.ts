import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { parseIngestRealArgs } from '../../../../src/telemetry/real/ingest-real-options.js';

describe('parseIngestRealArgs', () => {
  it('takes the folder and falls back to the configured namespace', () => {
    expect(parseIngestRealArgs(['/data/windows'], { namespace: 'default' })).toEqual({ path: '/data/windows', namespace: 'default' });
  });

  it('reads --namespace and --year', () => {
    expect(parseIngestRealArgs(['/data', '--namespace', 'real', '--year', '2024'], { namespace: 'default' })).toEqual({
      path: '/data',
      namespace: 'real',
      year: 2024,
    });
  });

  it.each([
    [[], /expected one folder or file, got 0/],
    [['/a', '/b'], /expected one folder or file, got 2/],
    [['/a', '--colour'], /Unknown option '--colour'/],
    [['/a', '--year', 'last'], /^year: /],
    [['/a', '--namespace', 'Bad Name'], /^namespace: /],
  ])('refuses %j with INPUT_INVALID and the usage line', (args, message) => {
    const parse = () => parseIngestRealArgs(args, { namespace: 'default' });
    expect(parse).toThrow(SocAgentError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/usage: npm run ingest:real/);
  });
});
