import { describe, expect, it } from 'vitest';
import { feedResult } from '../../../../src/mcp-server/intel/ip-enricher.js';
import { assessSources } from '../../../../src/mcp-server/intel/ip-enrichment.js';
import type { SourceResult } from '../../../../src/mcp-server/intel/source-result.js';

const source = (name: string, status: SourceResult['status'], reputation: SourceResult['reputation']): SourceResult => ({ source: name, kind: 'offline_feed', status, reputation, categories: [], summary: '', references: [] });

describe('assessSources', () => {
  it('keeps every opinion and flags disagreement instead of averaging', () => {
    const assessment = assessSources([source('misp', 'listed', 'malicious'), source('stix', 'listed', 'benign'), source('tor', 'not_listed', 'unknown')], false);
    expect(assessment).toMatchObject({ listedBy: ['misp', 'stix'], malicious: ['misp'], benign: ['stix'], disagreement: true });
    expect(assessment.note).toBe('Listed by 2 of 3 sources: malicious per misp; benign per stix. The sources disagree.');
  });

  it('says that absence from every feed is not evidence of safety, and names sources that failed', () => {
    const assessment = assessSources([source('tor', 'not_listed', 'unknown'), source('otx', 'error', 'unknown')], false);
    expect(assessment.disagreement).toBe(false);
    expect(assessment.note).toBe('Listed by none of the 1 sources asked; absence from feeds is not evidence that the address is safe. Not answered: otx.');
  });
});

describe('feedResult', () => {
  it('reports the worst entry of a feed, and an expired one as no longer vouched for', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const result = feedResult(
      'stix',
      [
        { feed: 'stix', listed: '1.2.3.4', reputation: 'malicious', categories: ['malicious-activity'], description: 'old', validUntil: '2026-06-30T00:00:00Z', confidence: 60 },
        { feed: 'stix', listed: '1.2.3.0/24', reputation: 'suspicious', categories: ['anonymization'], description: 'range', confidence: 30 },
      ],
      now,
    );
    expect(result).toMatchObject({ status: 'listed', reputation: 'suspicious', score: 60 });
    expect(result.summary).toContain('(expired 2026-06-30T00:00:00Z)');
    expect(feedResult('tor', [], now)).toMatchObject({ status: 'not_listed', summary: 'not in tor' });
  });
});
