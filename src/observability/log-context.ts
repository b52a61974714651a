import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and span of one step run carries, so one investigation can be followed across processes. */
export interface LogContext {
  investigationId?: string;
  alertId?: string;
  step?: string;
  attempt?: number;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` added to every log line written inside it, however deep the calls go. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

/** The context of the work in progress; empty outside any. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
