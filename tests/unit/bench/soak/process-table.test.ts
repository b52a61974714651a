import { describe, expect, it } from 'vitest';
import { descendantsOf, parseProcessTable, residentMemory } from '../../../../bench/soak/process-table.js';

const PS = `    1     0  15608
  100     1 204800
  101   100 102400
  102   101  10240
  200     1 153600
  300     1  51200
 garbage line
`;

describe('process table', () => {
  it('reads pid, parent and resident memory, skipping lines that are not three numbers', () => {
    expect(parseProcessTable(PS)).toHaveLength(6);
  });

  it('finds children and grandchildren of a process', () => {
    expect(descendantsOf(100, parseProcessTable(PS)).map((row) => row.pid).sort()).toEqual([101, 102]);
  });

  it('gives each named process its memory in MiB and sums its subprocesses apart', () => {
    const memory = residentMemory([{ name: 'workers', pid: 100 }, { name: 'api', pid: 200 }, { name: 'gone', pid: 999 }], parseProcessTable(PS));
    expect(memory).toEqual({ workers: 200, 'workers (subprocesses)': 110, api: 150 });
  });
});
