import type { TelemetryEvent } from '../telemetry-event.js';
import type { LoadItem, LogFormat } from './load-directory.js';

/** At most this many malformed records are kept per file for display; all of them are counted. */
export const MALFORMED_SHOWN = 20;

/** What became of the records of one file. */
export interface FileTally {
  file: string;
  format: LogFormat;
  read: number;
  mapped: number;
  /** Count of skipped records per reason. */
  skipped: Map<string, number>;
  malformed: number;
  /** The first `MALFORMED_SHOWN` malformed records. */
  malformedShown: { location: string; reason: string }[];
  /** Why the file could not be read to its end, if it could not. */
  unreadable?: string;
}

/** The counts of a whole load, filled in as the items stream past. */
export class LoadTally {
  readonly files: FileTally[] = [];
  readonly ignored: { file: string; reason: string }[] = [];

  /** Passes the events of a load through (to be ingested) and counts every item on the way. */
  async *events(items: AsyncIterable<LoadItem>): AsyncGenerator<TelemetryEvent> {
    for await (const item of items) {
      this.record(item);
      if (item.kind === 'event') yield item.event;
    }
  }

  record(item: LoadItem): void {
    if (item.kind === 'ignored') {
      this.ignored.push({ file: item.file, reason: item.reason });
      return;
    }
    if (item.kind === 'file') {
      this.files.push({ file: item.file, format: item.format, read: 0, mapped: 0, skipped: new Map(), malformed: 0, malformedShown: [] });
      return;
    }
    const tally = this.fileTally(item.file);
    switch (item.kind) {
      case 'event':
        tally.read += 1;
        tally.mapped += 1;
        break;
      case 'skipped':
        tally.read += 1;
        tally.skipped.set(item.reason, (tally.skipped.get(item.reason) ?? 0) + 1);
        break;
      case 'malformed':
        tally.read += 1;
        tally.malformed += 1;
        if (tally.malformedShown.length < MALFORMED_SHOWN) tally.malformedShown.push({ location: item.location, reason: item.reason });
        break;
      case 'unreadable':
        tally.unreadable = item.reason;
        break;
    }
  }

  get totals(): { files: number; read: number; mapped: number; skipped: number; malformed: number; unreadable: number } {
    const sum = (pick: (tally: FileTally) => number): number => this.files.reduce((total, tally) => total + pick(tally), 0);
    return {
      files: this.files.length,
      read: sum((tally) => tally.read),
      mapped: sum((tally) => tally.mapped),
      skipped: sum((tally) => [...tally.skipped.values()].reduce((a, b) => a + b, 0)),
      malformed: sum((tally) => tally.malformed),
      unreadable: this.files.filter((tally) => tally.unreadable !== undefined).length,
    };
  }

  private fileTally(file: string): FileTally {
    const tally = this.files.at(-1);
    // Items of a file always follow its `file` item; anything else is a bug in the loader, not in the data.
    if (tally?.file !== file) throw new Error(`load item for ${file} arrived outside its file`);
    return tally;
  }
}
