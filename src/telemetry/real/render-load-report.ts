import type { IngestReport } from '../../store/telemetry-store.js';
import type { LoadTally } from './load-tally.js';

/**
 * The report `ingest:real` prints: per file what was read, mapped, skipped (by reason) and malformed (the first
 * ones with `file:line` and why), then the totals and what Elasticsearch did with the documents.
 */
export function renderLoadReport(tally: LoadTally, ingest: IngestReport): string {
  const lines: string[] = [];
  for (const file of tally.files) {
    const skippedCount = [...file.skipped.values()].reduce((a, b) => a + b, 0);
    lines.push(`${file.file} (${file.format}): read ${file.read}, mapped ${file.mapped}, skipped ${skippedCount}, malformed ${file.malformed}`);
    for (const [reason, count] of [...file.skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      lines.push(`  skipped ${count}: ${reason}`);
    }
    for (const entry of file.malformedShown) lines.push(`  malformed ${entry.location}: ${entry.reason}`);
    if (file.malformed > file.malformedShown.length) lines.push(`  … and ${file.malformed - file.malformedShown.length} more malformed`);
    if (file.unreadable !== undefined) lines.push(`  UNREADABLE: ${file.unreadable}`);
  }
  if (tally.ignored.length > 0) {
    lines.push(`ignored ${tally.ignored.length} files that are no log: ${summarizeIgnored(tally.ignored.map((entry) => entry.file))}`);
  }
  const totals = tally.totals;
  lines.push(
    `total: ${totals.files} files, read ${totals.read}, mapped ${totals.mapped}, skipped ${totals.skipped}, malformed ${totals.malformed}, unreadable files ${totals.unreadable}`,
    `ingest: submitted ${ingest.submitted}, indexed ${ingest.indexed}, alreadyPresent ${ingest.alreadyPresent}, failed ${ingest.failed} (${ingest.durationMs} ms)`,
  );
  for (const failure of ingest.failures) lines.push(`  failed ${failure.index}/${failure.id} (${failure.status}): ${failure.reason}`);
  return lines.join('\n');
}

/** Ignored files counted by extension (`155 .yml, 2 LICENSE`), since their names are seldom interesting. */
function summarizeIgnored(files: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const name = file.split(/[\\/]/).at(-1) ?? file;
    const dot = name.lastIndexOf('.');
    const kind = dot > 0 ? name.slice(dot) : name;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}
