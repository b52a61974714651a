import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../config/env.js';
import { discordMessage, type DiscordMessage } from '../discord/discord-message.js';
import { discordCode, discordText } from '../discord/discord-text.js';
import { SnowflakeSchema } from '../discord/interaction.js';
import { DISPOSITION_LABELS, percent, renderReportEmbed } from '../discord/report-embed.js';
import { SocAgentError } from '../domain/errors.js';
import { reportViewerUrl } from '../domain/report-link.js';
import { getInvestigationStanding } from '../store/investigation-queries.js';
import { sendJson } from '../webhooks/send-json.js';
import { AlertIdSchema } from './http-schemas.js';
import { requestInvestigationRun, type RunDeps } from './investigation-runs.js';
import type { ReportReader } from './report-reader.js';

/** The queue of `/investigate` follow-ups: each job starts a run, watches it, and posts its outcome. */
export const FOLLOW_UP_QUEUE = 'discord_follow_up';

export const FollowUpJobSchema = z.object({
  interactionId: SnowflakeSchema,
  applicationId: SnowflakeSchema,
  /** Authorises the follow-up; Discord lets it expire 15 minutes after the command. */
  token: z.string().regex(/^[\x21-\x7E]{1,500}$/),
  alertId: AlertIdSchema,
  /** Past this, the follow-up says the investigation is still running instead of waiting on. */
  deadline: z.iso.datetime(),
  ephemeral: z.boolean(),
  /** Set once the run is requested, so a retried job watches the same run. */
  investigationId: z.string().min(1).optional(),
});
export type FollowUpJob = z.infer<typeof FollowUpJobSchema>;

export interface FollowUps {
  /** Queues the follow-up of one interaction; a second call for the same interaction adds nothing. */
  schedule(job: FollowUpJob): Promise<void>;
  close(): Promise<void>;
}

export interface FollowUpDeps {
  config: Config;
  runs: RunDeps;
  reports: ReportReader;
  log: (entry: Record<string, unknown>) => void;
  now: () => Date;
  /** How often an unfinished investigation is looked at again. @defaultValue 2 s */
  pollMs?: number;
}

/** Discord calls for an answer to a follow-up within seconds; a slow one is tried again. */
const REQUEST_TIMEOUT_MS = 10_000;

function resultMessage(job: FollowUpJob, deps: FollowUpDeps, stored: NonNullable<Awaited<ReturnType<ReportReader['get']>>>): DiscordMessage {
  const report = stored.json;
  const link = reportViewerUrl(deps.config.publicBaseUrl, report.investigationId);
  return discordMessage({
    content: `Investigation of ${discordCode(job.alertId)} finished: **${DISPOSITION_LABELS[report.disposition]}** (${percent(report.confidence)})`,
    embeds: [renderReportEmbed(report, { link, createdAt: stored.createdAt, ...(stored.severity ? { severity: stored.severity } : {}) })],
    ephemeral: job.ephemeral,
  });
}

/**
 * Follow-ups run as BullMQ jobs, not as promises inside the request: they outlive the HTTP answer, survive a
 * restart of the API (another replica or the restarted one picks them up), and are retried when Discord fails. A
 * job requests the run with the same idempotent logic as `POST /alerts/:id/investigations` (keyed by the
 * interaction, so a retried job does not start a second run), then looks at the investigation every couple of
 * seconds by moving itself back to the delayed set, without holding a worker, until it has a report, failed, or
 * the deadline passed.
 */
export function startFollowUps(deps: FollowUpDeps): FollowUps {
  const { config } = deps;
  const connection = { url: config.redis.url };
  const pollMs = deps.pollMs ?? 2_000;
  const queue = new Queue<FollowUpJob>(FOLLOW_UP_QUEUE, {
    connection,
    prefix: config.queuePrefix,
    // The token in the job data is a credential until it expires: completed jobs are removed at once.
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true, removeOnFail: { age: 86_400 } },
  });

  const processor = async (job: Job<unknown>, lockToken?: string): Promise<string> => {
    const parsed = FollowUpJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`follow-up job ${job.id ?? '?'} is malformed`);
    let data = parsed.data;
    const log = (entry: Record<string, unknown>): void => deps.log({ interactionId: data.interactionId, alertId: data.alertId, investigationId: data.investigationId, ...entry });
    const later = async (delayMs: number): Promise<never> => {
      await job.moveToDelayed(Date.now() + delayMs, lockToken);
      throw new DelayedError();
    };
    const post = async (message: DiscordMessage, what: string): Promise<string> => {
      const url = `${config.discord.apiBaseUrl}/webhooks/${data.applicationId}/${encodeURIComponent(data.token)}`;
      const outcome = await sendJson({ method: 'POST', url, body: message, timeoutMs: REQUEST_TIMEOUT_MS });
      if (outcome.kind === 'delivered') {
        log({ msg: 'Discord follow-up posted', what });
        return what;
      }
      if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) return later(outcome.retryAfterMs);
      if (outcome.kind === 'retry') throw new SocAgentError('DISCORD_REQUEST_FAILED', `posting the follow-up failed: ${outcome.reason}`, { interactionId: data.interactionId });
      throw new UnrecoverableError(`Discord refused the follow-up (the interaction may have expired): ${outcome.reason}`);
    };

    let investigationId = data.investigationId;
    if (investigationId === undefined) {
      try {
        const outcome = await requestInvestigationRun(deps.runs, data.alertId, `discord-${data.interactionId}`);
        investigationId = outcome.run.investigationId;
        data = { ...data, investigationId };
        await job.updateData(data);
        log({ msg: outcome.created ? 'investigation requested from Discord' : 'Discord request joined a run already going', run: outcome.run.run });
      } catch (err) {
        if (err instanceof SocAgentError && err.code === 'RERUN_LIMIT_REACHED') return post(discordMessage({ content: discordText(err.message, 500), ephemeral: true }), 'rerun limit');
        throw err;
      }
    }
    const stored = await deps.reports.get(investigationId);
    if (stored) return post(resultMessage(data, deps, stored), 'result');
    const standing = await getInvestigationStanding(deps.runs.es, deps.runs.prefix, investigationId);
    const link = reportViewerUrl(config.publicBaseUrl, investigationId);
    if (standing?.status === 'failed') {
      return post(
        discordMessage({ content: `The investigation of ${discordCode(data.alertId)} failed at the ${standing.step} step; the reason is in its record (\`GET /investigations/${investigationId}\`). Try \`/investigate\` again later.`, ephemeral: data.ephemeral }),
        'failure',
      );
    }
    if (deps.now() < new Date(data.deadline)) return later(pollMs);
    return post(discordMessage({ content: `The investigation of ${discordCode(data.alertId)} is still running; its report will be at ${link}`, ephemeral: data.ephemeral }), 'still running');
  };

  const worker = new Worker(FOLLOW_UP_QUEUE, processor, { connection, prefix: config.queuePrefix, concurrency: 20 });
  worker.on('error', (err) => deps.log({ msg: 'follow-up worker error', level: 'warn', error: err.message }));
  worker.on('failed', (job, err) => {
    if (job) deps.log({ msg: 'Discord follow-up failed', level: job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError ? 'error' : 'warn', jobId: job.id, attempt: job.attemptsMade, error: err.message });
  });

  return {
    async schedule(job) {
      await queue.add('follow_up', FollowUpJobSchema.parse(job), { jobId: `discord-${job.interactionId}` });
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
