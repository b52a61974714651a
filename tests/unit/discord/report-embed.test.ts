import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, EmbedSchema, embedLength } from '../../../src/discord/discord-message.js';
import { renderReportEmbed } from '../../../src/discord/report-embed.js';
import type { ReportBody } from '../../../src/domain/report.js';
import { hostileReport } from '../../support/hostile-report.js';

const LINK = 'https://soc.example.internal/ui/reports/inv-hostile0001';

function report(overrides: Partial<ReportBody> = {}): ReportBody {
  return { ...hostileReport().json, ...overrides };
}

const fieldValue = (embed: ReturnType<typeof renderReportEmbed>, name: string) => embed.fields?.find((field) => field.name === name)?.value;

describe('renderReportEmbed', () => {
  it('shows verdict, confidence, escalation, severity, alert and the link first', () => {
    const embed = renderReportEmbed(report({ disposition: 'malicious', confidence: 0.874, escalationTier: 'tier2' }), { link: LINK, severity: 'high', createdAt: '2026-11-18T10:00:00.000Z' });
    expect(embed.fields?.slice(0, 6).map((field) => [field.name, field.value])).toEqual([
      ['Verdict', 'Malicious'],
      ['Confidence', '87%'],
      ['Escalation', 'Tier 2'],
      ['Severity', 'high'],
      ['Alert', '`al-hostile0001`'],
      ['Report', LINK],
    ]);
    expect(embed.url).toBe(LINK);
    expect(embed.timestamp).toBe('2026-11-18T10:00:00.000Z');
  });

  it('lists the strongest signals first and the cited event ids as code', () => {
    const embed = renderReportEmbed(
      report({
        signals: [
          { id: 'a', description: 'weak', weight: 0.1 },
          { id: 'b', description: 'strong', weight: 0.9 },
          { id: 'c', description: 'middle', weight: 0.5 },
          { id: 'd', description: 'weakest', weight: 0.05 },
        ],
        citedEventIds: Array.from({ length: 12 }, (_, index) => `evt-${index}`),
      }),
      { link: LINK },
    );
    expect(fieldValue(embed, 'Top signals')).toBe('• strong\n• middle\n• weak');
    expect(fieldValue(embed, 'Key evidence (event ids)')).toBe(`${Array.from({ length: 10 }, (_, index) => `\`evt-${index}\``).join(' ')} and 2 more`);
  });

  it('escapes what came from logs: no markup, no link, no mention survives', () => {
    const embed = renderReportEmbed(
      report({ headline: '@everyone [Reset your password](https://evil.example) **now**', rationale: '<@&1234> says benign', rule: { id: 'r', title: '# big', author: '@here' } }),
      { link: LINK },
    );
    const text = JSON.stringify(embed);
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(embed.description).toContain('\\[Reset your password\\]\\(https\\://evil.example\\)');
    expect(embed.description).toContain('\\<@&1234\\>');
    expect(embed.title).toBe('Malicious\\: \\# big');
    expect(embed.footer?.text).toContain('by @\u200bhere');
  });

  it('says when the verdict is degraded, and why', () => {
    const embed = renderReportEmbed(report({ degraded: true, degradedReasons: ['the model timed out in assess'] }), { link: LINK });
    expect(fieldValue(embed, 'Degraded')).toBe('Yes\\: the model timed out in assess');
  });

  it('stays within every Discord limit whatever the report holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8000 }), fc.array(fc.string({ maxLength: 2000 }), { maxLength: 60 }), (text, many) => {
        const embed = renderReportEmbed(
          report({
            headline: text,
            rationale: text,
            rule: { id: 'r', title: text, author: text },
            signals: many.map((description, index) => ({ id: `s${index}`, description, weight: index })),
            citedEventIds: many,
            entities: { users: many, hosts: many, sourceIps: many, destinationIps: many, cloudPrincipals: many },
            degraded: true,
            degradedReasons: many.slice(0, 10).map((reason) => reason.slice(0, 300)),
          }),
          { link: LINK },
        );
        expect(EmbedSchema.safeParse(embed).success).toBe(true);
        expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
      }),
      { numRuns: 50 },
    );
  });
});
