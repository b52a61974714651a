import { z } from 'zod';
import { ratio } from './statistics.js';

const Count = z.number().int().min(0);

/** What one report cited, checked against what its tools returned. */
export const CitationCountsSchema = z.object({
  /** Cited ids a tool returned in the investigation (or the alert's own sample ids). */
  valid: Count,
  /** Cited ids no tool returned: the pipeline should have dropped them, so any here is a defect. */
  invalid: Count,
  /** Citations the pipeline already dropped as ungrounded (`ungroundedClaims`). */
  dropped: Count,
});
export type CitationCounts = z.infer<typeof CitationCountsSchema>;

export const GroundingMetricsSchema = z.object({
  reports: Count,
  /** Every citation the analyst made, kept or dropped. */
  citations: Count,
  validCitations: Count,
  /** validCitations / citations. */
  validShare: z.number().min(0).max(1).nullable(),
  reportsWithUngroundedClaims: Count,
  ungroundedReportShare: z.number().min(0).max(1).nullable(),
});
export type GroundingMetrics = z.infer<typeof GroundingMetricsSchema>;

export function citationCounts(cited: readonly string[], known: ReadonlySet<string>, ungroundedClaims: number): CitationCounts {
  const unique = [...new Set(cited)];
  const valid = unique.filter((id) => known.has(id)).length;
  return { valid, invalid: unique.length - valid, dropped: ungroundedClaims };
}

export function groundingMetrics(reports: readonly CitationCounts[]): GroundingMetrics {
  const validCitations = reports.reduce((sum, report) => sum + report.valid, 0);
  const citations = reports.reduce((sum, report) => sum + report.valid + report.invalid + report.dropped, 0);
  const reportsWithUngroundedClaims = reports.filter((report) => report.invalid + report.dropped > 0).length;
  return {
    reports: reports.length,
    citations,
    validCitations,
    validShare: ratio(validCitations, citations),
    reportsWithUngroundedClaims,
    ungroundedReportShare: ratio(reportsWithUngroundedClaims, reports.length),
  };
}
