import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { SocAgentError } from '../../domain/errors.js';
import { QUEUE_DESCRIPTIONS, type ApiQueues } from '../api-queues.js';
import { errorReply, sendError } from './error-handler.js';

export interface BullBoardOptions {
  queues: ApiQueues;
  /** No retry, clean, pause, promote or delete: the board only shows. */
  readOnly: boolean;
}

const BASE_PATH = '/queues';
const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** The statuses Bull Board's adapter accepts from an error handler. */
const BOARD_STATUSES = [400, 403, 404, 405, 409, 500] as const;

function boardStatus(statusCode: number): (typeof BOARD_STATUSES)[number] {
  return BOARD_STATUSES.find((status) => status === statusCode) ?? 500;
}

/**
 * Bull Board at `/queues` for the detection queue and the six step queues, behind the app's auth (its routes
 * carry no `public` flag). Read-only mode is enforced twice: by Bull Board, and here by refusing any method that
 * could change a queue.
 */
export async function bullBoardPlugin(app: FastifyInstance, options: BullBoardOptions): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BASE_PATH);
  createBullBoard({
    queues: options.queues.all.map(
      (queue) => new BullMQAdapter(queue, { readOnlyMode: options.readOnly, allowRetries: !options.readOnly, description: QUEUE_DESCRIPTIONS[queue.name] ?? '' }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'soc-agent queues' } },
  });
  // Bull Board's own handler answers with the raw error message; ours gives the app's body and hides internals.
  serverAdapter.setErrorHandler((error: Error) => {
    const reply = errorReply(error, 'bull-board');
    return { status: boardStatus(reply.statusCode), body: reply.body };
  });
  if (options.readOnly) {
    app.addHook('onRequest', async (request, reply) => {
      if (!SAFE_METHODS.has(request.method)) return sendError(request, reply, new SocAgentError('FORBIDDEN', 'Bull Board is read-only here (BULL_BOARD_READ_ONLY=true)'));
    });
  }
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH });
}
