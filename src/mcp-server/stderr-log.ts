/**
 * One JSON line per record on stderr. stdout belongs to the MCP stdio transport: a single stray byte there breaks
 * the protocol, so nothing in the server writes to it.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const ORDER: Readonly<Record<LogLevel | 'silent', number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export function createStderrLog(level: LogLevel | 'silent', write: (line: string) => void = (line) => void process.stderr.write(line)): Log {
  const at = (recordLevel: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[recordLevel] < ORDER[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: recordLevel, service: 'mcp-server', msg: message, ...fields })}\n`);
  };
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
