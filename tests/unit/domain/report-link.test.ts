import { describe, expect, it } from 'vitest';
import { reportViewerUrl } from '../../../src/domain/report-link.js';

describe('reportViewerUrl', () => {
  it('points at the viewer page of the investigation under the public address', () => {
    expect(reportViewerUrl('http://127.0.0.1:3000', 'inv-abc12345')).toBe('http://127.0.0.1:3000/ui/reports/inv-abc12345');
    expect(reportViewerUrl('https://soc.example.internal/', 'inv-abc12345')).toBe('https://soc.example.internal/ui/reports/inv-abc12345');
  });

  it('keeps a path the API is mounted under', () => {
    expect(reportViewerUrl('https://tools.example.internal/soc', 'inv-abc12345')).toBe('https://tools.example.internal/soc/ui/reports/inv-abc12345');
  });
});
