import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../../src/api/plugins/auth.js';

describe('safeNextPath', () => {
  it('keeps a path of this site', () => {
    expect(safeNextPath('/ui/reports/inv-abcdefgh?saved=1')).toBe('/ui/reports/inv-abcdefgh?saved=1');
    expect(safeNextPath('/queues')).toBe('/queues');
  });

  it.each(['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', '/ui/\u0000', 42, undefined])('sends %s to the report list instead', (next) => {
    expect(safeNextPath(next)).toBe('/ui/reports');
  });
});
