/** One row of the process table. */
export interface ProcessRow {
  pid: number;
  ppid: number;
  rssKiB: number;
}

/** Rows of `ps -A -o pid=,ppid=,rss=`; lines that are not three whole numbers are skipped. */
export function parseProcessTable(output: string): ProcessRow[] {
  return output.split('\n').flatMap((line) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 3 || !fields.every((field) => /^\d+$/.test(field))) return [];
    const [pid, ppid, rssKiB] = fields.map(Number);
    return pid === undefined || ppid === undefined || rssKiB === undefined ? [] : [{ pid, ppid, rssKiB }];
  });
}

/** Every process below `pid` (children, grandchildren, …), not `pid` itself. */
export function descendantsOf(pid: number, rows: readonly ProcessRow[]): ProcessRow[] {
  const children = new Map<number, ProcessRow[]>();
  for (const row of rows) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row]);
  const found: ProcessRow[] = [];
  const seen = new Set<number>([pid]);
  const pending = [pid];
  while (pending.length > 0) {
    const parent = pending.pop() ?? pid;
    for (const child of children.get(parent) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      pending.push(child.pid);
    }
  }
  return found;
}

const MIB = 1024;

/**
 * Resident memory in MiB of each named process, and of each one's subprocesses summed under `<name> (subprocesses)`
 * (the workers' MCP server); a process no longer in the table is left out.
 */
export function residentMemory(processes: ReadonlyArray<{ name: string; pid: number }>, rows: readonly ProcessRow[]): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const { name, pid } of processes) {
    const own = rows.find((row) => row.pid === pid);
    if (!own) continue;
    memory[name] = own.rssKiB / MIB;
    const below = descendantsOf(pid, rows);
    if (below.length > 0) memory[`${name} (subprocesses)`] = below.reduce((sum, row) => sum + row.rssKiB, 0) / MIB;
  }
  return memory;
}
