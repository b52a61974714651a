import { z } from 'zod';
import { InvestigationStatusSchema, ModelCallSchema, StepRecordSchema, StepSchema } from '../domain/investigation.js';
import { DispositionSchema } from '../domain/verdict.js';
import type { EsClient } from './es-client.js';
import { investigationIndex } from './investigation-store.js';

/** Where an investigation stands, without its evidence: what a list or a re-run decision needs. */
export const InvestigationStandingSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  status: InvestigationStatusSchema,
  step: StepSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  verdict: DispositionSchema.optional(),
});
export type InvestigationStanding = z.infer<typeof InvestigationStandingSchema>;

const StandingSourceSchema = InvestigationStandingSchema.omit({ verdict: true }).extend({
  assessment: z.object({ verdict: z.object({ disposition: DispositionSchema }) }).optional(),
});

/** One investigation's standing, read by id (real time, unlike a search), or undefined when there is none. */
export async function getInvestigationStanding(es: EsClient, prefix: string, id: string): Promise<InvestigationStanding | undefined> {
  const response = await es.get<unknown>(
    { index: investigationIndex(prefix), id, _source_includes: ['id', 'alertId', 'status', 'step', 'createdAt', 'updatedAt', 'assessment.verdict.disposition'] },
    { ignore: [404] },
  );
  if (!response.found) return undefined;
  const { assessment, ...standing } = StandingSourceSchema.parse(response._source);
  return { ...standing, ...(assessment ? { verdict: assessment.verdict.disposition } : {}) };
}

/** What the metrics read of a recent investigation: its outcome, its step timings and its model usage. */
export const InvestigationFactsSchema = z.object({
  status: InvestigationStatusSchema,
  createdAt: z.iso.datetime(),
  steps: z.array(StepRecordSchema),
  modelCalls: z.array(ModelCallSchema).optional(),
  assessment: z.object({ verdict: z.object({ disposition: DispositionSchema }) }).optional(),
});
export type InvestigationFacts = z.infer<typeof InvestigationFactsSchema>;

/** The newest `size` investigations, reduced to the fields the metrics need. */
export async function fetchRecentInvestigationFacts(es: EsClient, prefix: string, size: number): Promise<InvestigationFacts[]> {
  const response = await es.search<unknown>(
    {
      index: investigationIndex(prefix),
      size,
      sort: [{ createdAt: 'desc' }],
      _source: ['status', 'createdAt', 'steps', 'modelCalls', 'assessment.verdict.disposition'],
    },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).map((hit) => InvestigationFactsSchema.parse(hit._source));
}
