import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SocAgentError, type ErrorCode } from '../../domain/errors.js';
import type { ErrorBody } from '../http-schemas.js';

/** Catalogue codes a client may see, with their status; every other code is an internal failure (500). */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  INPUT_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ALERT_NOT_FOUND: 404,
  INVESTIGATION_NOT_FOUND: 404,
  REPORT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  NOT_ACCEPTABLE: 406,
  RERUN_LIMIT_REACHED: 409,
  SERVICE_UNAVAILABLE: 503,
};

/** HTTP-level failures Fastify and its plugins raise before a route runs, in the catalogue's style. */
const HTTP_CODES: Record<number, string> = {
  400: 'INPUT_INVALID',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/** Our own wording for Fastify's errors, which name internals (`FST_…`) or echo input. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body: not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body: empty, but the content type says JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body: larger than this route accepts',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type: not accepted here; send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length: does not match the body',
  FST_ERR_BAD_URL: 'url: not a valid URL',
  FST_ERR_MAX_PARAM_LENGTH: 'url: a path segment is longer than any id',
  FST_ERR_ASYNC_CONSTRAINT: 'request: rejected',
};

export interface ErrorReply {
  statusCode: number;
  body: ErrorBody;
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

const MAX_MESSAGE = 500;

function validationMessage(context: string | undefined, issues: readonly ValidationIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
      const field = [context ?? 'request', path].filter(Boolean).join('.');
      return `${field}: ${issue.message ?? 'invalid'}`;
    })
    .join('; ')
    .slice(0, MAX_MESSAGE);
}

function hasValidation(error: unknown): error is FastifyError & { validation: ValidationIssue[] } {
  return typeof error === 'object' && error !== null && 'validation' in error && Array.isArray(error.validation);
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * The reply for any error: 4xx keep a message meant for the client (a 400 names the field), everything else
 * becomes a 500 that says only that something failed and which request it was. Shared with Bull Board, which
 * has its own error handler.
 */
export function errorReply(error: unknown, requestId: string): ErrorReply {
  if (hasValidation(error)) {
    return { statusCode: 400, body: { error: { code: 'INPUT_INVALID', message: validationMessage(error.validationContext, error.validation) } } };
  }
  if (error instanceof SocAgentError) {
    const statusCode = STATUS_OF[error.code];
    if (statusCode !== undefined) return { statusCode, body: { error: { code: error.code, message: error.message.slice(0, MAX_MESSAGE) } } };
  }
  const statusCode = statusCodeOf(error);
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    const fastifyCode = codeOf(error);
    const code = HTTP_CODES[statusCode] ?? 'REQUEST_REJECTED';
    const known = fastifyCode ? FASTIFY_MESSAGES[fastifyCode] : undefined;
    const message = known ?? (statusCode === 429 ? 'too many requests; slow down and retry later' : error instanceof SyntaxError ? 'body: not valid JSON' : 'request rejected');
    return { statusCode, body: { error: { code, message } } };
  }
  return { statusCode: 500, body: { error: { code: 'INTERNAL', message: `internal error (request ${requestId})` } } };
}

/** What is logged of a failure: never the error object itself, whose client metadata may carry credentials. */
function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error).slice(0, MAX_MESSAGE) };
  const cause = error.cause instanceof Error ? { cause: `${error.cause.name}: ${error.cause.message.slice(0, MAX_MESSAGE)}` } : {};
  return { errorName: error.name, errorCode: codeOf(error), error: error.message.slice(0, MAX_MESSAGE), stack: error.stack, ...cause };
}

export function logError(request: FastifyRequest, error: unknown, statusCode: number): void {
  if (statusCode >= 500) request.log.error(describeForLog(error), 'request failed');
  else request.log.info({ statusCode, errorCode: codeOf(error) }, 'request rejected');
}

/**
 * Answers with the error body at once. Hooks that refuse a request use it rather than throwing, so the answer is
 * the same inside plugins that install their own error handler (Bull Board).
 */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const { statusCode, body } = errorReply(error, request.id);
  logError(request, error, statusCode);
  return reply.code(statusCode).send(body);
}

/** One error body for the whole app, and 404 for unknown routes in the same shape. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no route for this method and path' } }));
  },
  { name: 'error-handler' },
);
