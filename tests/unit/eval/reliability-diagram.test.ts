import { describe, expect, it } from 'vitest';
import { calibrationMetrics } from '../../../src/eval/calibration-metrics.js';
import { escapeXml, renderReliabilityDiagram } from '../../../src/eval/reliability-diagram.js';

const metrics = calibrationMetrics([
  { probability: 0.05, malicious: false },
  { probability: 0.95, malicious: true },
  { probability: 0.95, malicious: true },
  { probability: 0.55, malicious: false },
]);

describe('renderReliabilityDiagram', () => {
  it('draws one dot per non-empty bin, the diagonal and the count strip', () => {
    const svg = renderReliabilityDiagram(metrics, 'Reliability');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('perfect calibration');
    expect(svg).toContain('0.9–1.0: 2 forecasts, mean predicted 0.95, observed 1.00');
    expect(svg).toContain(`ECE ${metrics.ece?.toFixed(3)}`);
  });

  it('escapes the title, so text from a run name cannot become markup', () => {
    const svg = renderReliabilityDiagram(metrics, 'run <script>alert("x")</script> & more');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('run &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more');
  });

  it('renders an empty run without dots or NaN', () => {
    const svg = renderReliabilityDiagram(calibrationMetrics([]), 'empty');
    expect(svg).not.toContain('<circle');
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('Brier — · ECE — · 0 forecasts');
  });
});

describe('escapeXml', () => {
  it('escapes the five characters XML gives meaning to', () => {
    expect(escapeXml(`<a href='x'>"&"</a>`)).toBe('&#60;a href=&#39;x&#39;&#62;&#34;&#38;&#34;&#60;/a&#62;');
  });
});
