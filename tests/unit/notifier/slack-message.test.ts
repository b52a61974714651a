import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportBody } from '../../../src/domain/report.js';
import { SLACK_LIMITS, SlackMessageSchema, escapeSlack, renderSlackMessage } from '../../../src/notifier/slack-message.js';
import { hostileReport } from '../../support/hostile-report.js';

const LINK = 'https://soc.example.internal/ui/reports/inv-hostile0001?a=1&b=2';

function report(overrides: Partial<ReportBody> = {}): ReportBody {
  return { ...hostileReport().json, ...overrides };
}

/** Every text object of the message, with its type. */
function texts(message: ReturnType<typeof renderSlackMessage>): { type: string; text: string }[] {
  return message.blocks.flatMap((block) => {
    if (block.type === 'header') return [block.text];
    if (block.type === 'context') return block.elements;
    return [...(block.text ? [block.text] : []), ...(block.fields ?? [])];
  });
}

describe('renderSlackMessage', () => {
  it('has a header with the verdict, the facts, the evidence and a link to the report', () => {
    const message = renderSlackMessage(report({ disposition: 'suspicious', confidence: 0.61, citedEventIds: ['evt-1', 'evt-2'], rule: { id: 'r', title: 'SSH brute force', author: 'Sigma' } }), {
      link: LINK,
      severity: 'high',
    });
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Suspicious (61%): SSH brute force', emoji: false } });
    expect(texts(message).map((text) => text.text)).toEqual(
      expect.arrayContaining(['Verdict: Suspicious (61%)', 'Severity: high', 'Alert: al-hostile0001', 'Key evidence (event ids): evt-1, evt-2', `<${escapeSlack(LINK)}|Open the report>`]),
    );
    expect(message.text.startsWith('Suspicious (61%): SSH brute force.')).toBe(true);
  });

  it('writes what came from logs as plain text with &, < and > escaped, so no link or mention can be made', () => {
    const message = renderSlackMessage(report({ headline: '<!channel> <https://evil.example|Reset password> & @here' }), { link: LINK });
    const hostile = texts(message).filter((text) => text.type === 'plain_text');
    expect(hostile.every((text) => !/[<>]/.test(text.text))).toBe(true);
    expect(JSON.stringify(message)).not.toMatch(/@here|<!channel>/);
    expect(hostile.map((text) => text.text).join(' ')).toContain('&lt;!channel&gt; &lt;https://evil.example|Reset password&gt; &amp; @\u200bhere');
    expect(texts(message).filter((text) => text.type === 'mrkdwn').map((text) => text.text)).toEqual([`<${escapeSlack(LINK)}|Open the report>`]);
  });

  it("stays within Slack's limits whatever the report holds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000 }), fc.array(fc.string({ maxLength: 500 }), { maxLength: 40 }), (text, many) => {
        const message = renderSlackMessage(
          report({ headline: text, rationale: text, rule: { id: 'r', title: text, author: text }, signals: many.map((description, weight) => ({ id: `s${weight}`, description, weight })), citedEventIds: many }),
          { link: LINK },
        );
        expect(SlackMessageSchema.safeParse(message).success).toBe(true);
        const header = message.blocks[0];
        expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
      }),
      { numRuns: 50 },
    );
  });
});
