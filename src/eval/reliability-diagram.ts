import type { CalibrationMetrics } from './calibration-metrics.js';
import { decimal } from './format.js';

/** Text for XML content and attribute values: the five characters XML gives meaning to. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const WIDTH = 520;
const HEIGHT = 590;
const LEFT = 70;
const TOP = 70;
const SIZE = 400;
/** Height of the forecast-count strip under the plot. */
const STRIP = 40;

const x = (value: number): number => LEFT + value * SIZE;
const y = (value: number): number => TOP + (1 - value) * SIZE;
const fixed = (value: number): string => value.toFixed(1);

/**
 * A reliability diagram as a standalone SVG: per bin, a bar to the observed share of malicious alerts and a dot at
 * (mean predicted, observed); the diagonal is perfect calibration. A strip below shows how many forecasts fell in
 * each bin. Pure string rendering: the title is escaped, every number is formatted here.
 */
export function renderReliabilityDiagram(calibration: CalibrationMetrics, title: string): string {
  const maxCount = Math.max(1, ...calibration.bins.map((bin) => bin.count));
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="28" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${LEFT}" y="50" fill="#444444">Brier ${decimal(calibration.brier)} · ECE ${decimal(calibration.ece)} · ${calibration.n} forecasts</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#888888"/>`,
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${fixed(x(tick))}" y1="${TOP + SIZE}" x2="${fixed(x(tick))}" y2="${TOP + SIZE + 5}" stroke="#888888"/>`,
      `<text x="${fixed(x(tick))}" y="${TOP + SIZE + 18}" text-anchor="middle">${tick.toFixed(1)}</text>`,
      `<line x1="${LEFT - 5}" y1="${fixed(y(tick))}" x2="${LEFT}" y2="${fixed(y(tick))}" stroke="#888888"/>`,
      `<text x="${LEFT - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end">${tick.toFixed(1)}</text>`,
    );
  }
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999999" stroke-dasharray="6 4"><title>perfect calibration</title></line>`);
  for (const bin of calibration.bins) {
    if (bin.observedRate === null || bin.meanPredicted === null) continue;
    const label = `${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)}: ${bin.count} forecasts, mean predicted ${bin.meanPredicted.toFixed(2)}, observed ${bin.observedRate.toFixed(2)}`;
    const top = y(bin.observedRate);
    parts.push(
      `<rect x="${fixed(x(bin.lower) + 2)}" y="${fixed(top)}" width="${fixed(x(bin.upper) - x(bin.lower) - 4)}" height="${fixed(TOP + SIZE - top)}" fill="#4a7bb7" fill-opacity="0.35"><title>${escapeXml(label)}</title></rect>`,
      `<circle cx="${fixed(x(bin.meanPredicted))}" cy="${fixed(top)}" r="${fixed(3 + 5 * Math.sqrt(bin.count / maxCount))}" fill="#1f4e8c"><title>${escapeXml(label)}</title></circle>`,
    );
  }
  const stripTop = TOP + SIZE + 60;
  parts.push(
    `<text x="${LEFT + SIZE / 2}" y="${TOP + SIZE + 38}" text-anchor="middle">Predicted P(malicious)</text>`,
    `<text x="${LEFT - 8}" y="${stripTop + STRIP / 2 + 4}" text-anchor="end" fill="#444444">n</text>`,
    `<text x="${LEFT}" y="${stripTop + STRIP + 16}" fill="#444444" font-size="11">Forecasts per bin</text>`,
  );
  for (const bin of calibration.bins) {
    const height = (bin.count / maxCount) * STRIP;
    parts.push(`<rect x="${fixed(x(bin.lower) + 2)}" y="${fixed(stripTop + STRIP - height)}" width="${fixed(x(bin.upper) - x(bin.lower) - 4)}" height="${fixed(height)}" fill="#888888"/>`);
    if (bin.count > 0) parts.push(`<text x="${fixed((x(bin.lower) + x(bin.upper)) / 2)}" y="${fixed(stripTop + STRIP - height - 3)}" text-anchor="middle" font-size="10">${bin.count}</text>`);
  }
  parts.push(
    `<text transform="translate(18 ${TOP + SIZE / 2}) rotate(-90)" text-anchor="middle">Observed share malicious</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
