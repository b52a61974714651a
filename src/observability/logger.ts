import pino, { type DestinationStream, type Logger } from 'pino';
import { currentLogContext } from './log-context.js';

/** A structured log line: `msg` says what happened, `level` how much it matters (info when absent). */
export type Log = (entry: Record<string, unknown>) => void;

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

type EntryLevel = Exclude<LogLevelName, 'silent'>;
const LEVELS: ReadonlySet<unknown> = new Set<EntryLevel>(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const isEntryLevel = (value: unknown): value is EntryLevel => LEVELS.has(value);

/**
 * Field names whose values are never written, wherever they appear: credentials travel in headers, URLs and
 * options, and one careless `log({ options })` must not put them in a log store.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'token',
  'apiKey',
  'password',
  'secret',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.apiKey',
  '*.password',
  '*.secret',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * The JSON logger of a process (pino): one line per record with `time`, `level`, `service`, and the investigation,
 * alert, step and attempt of the work in progress (see log-context.ts), so `grep` or `jq` on an investigation id
 * shows every step and tool call of it in order.
 */
export function createLogger(options: { service: string; level: LogLevelName; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogContext() }),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** The `log({ msg, level, ...fields })` shape the parts of the service take, written through a pino logger. */
export function logTo(logger: Logger): Log {
  return (entry) => {
    const { msg, level, ...fields } = entry;
    logger[isEntryLevel(level) ? level : 'info'](fields, typeof msg === 'string' ? msg : '');
  };
}
