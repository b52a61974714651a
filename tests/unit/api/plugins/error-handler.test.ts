import { describe, expect, it } from 'vitest';
import { errorReply } from '../../../../src/api/plugins/error-handler.js';
import { SocAgentError } from '../../../../src/domain/errors.js';

describe('errorReply', () => {
  it('names the field of a validation error, with the part of the request it came from', () => {
    const error = Object.assign(new Error('invalid'), {
      validation: [{ instancePath: '/limit', message: 'Too big: expected number to be <=100' }, { instancePath: '/severity/0', message: 'Invalid option' }],
      validationContext: 'querystring',
    });
    expect(errorReply(error, 'req-1')).toEqual({
      statusCode: 400,
      body: { error: { code: 'INPUT_INVALID', message: 'querystring.limit: Too big: expected number to be <=100; querystring.severity.0: Invalid option' } },
    });
  });

  it.each([
    ['ALERT_NOT_FOUND', 404],
    ['REPORT_NOT_FOUND', 404],
    ['INVESTIGATION_NOT_FOUND', 404],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_ACCEPTABLE', 406],
    ['RERUN_LIMIT_REACHED', 409],
    ['SERVICE_UNAVAILABLE', 503],
  ] as const)('answers %s with %i and its message', (code, statusCode) => {
    expect(errorReply(new SocAgentError(code, 'what happened'), 'req-1')).toEqual({ statusCode, body: { error: { code, message: 'what happened' } } });
  });

  it('hides internal failures behind a 500 that only names the request', () => {
    for (const error of [new SocAgentError('STEP_FAILED', 'index soc-agent-x at http://es:9200 failed'), new TypeError('Cannot read properties of undefined'), 'a string']) {
      const reply = errorReply(error, 'req-42');
      expect(reply.statusCode).toBe(500);
      expect(reply.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error (request req-42)' } });
    }
  });

  it("words Fastify's own client errors itself instead of passing their internals on", () => {
    expect(errorReply(Object.assign(new Error('Unexpected token } in JSON at position 3'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), 'r').body.error).toEqual({
      code: 'INPUT_INVALID',
      message: 'body: not valid JSON',
    });
    expect(errorReply(Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }), 'r')).toEqual({
      statusCode: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'body: larger than this route accepts' } },
    });
    expect(errorReply({ statusCode: 429, message: 'Rate limit exceeded' }, 'r')).toEqual({ statusCode: 429, body: { error: { code: 'RATE_LIMITED', message: 'too many requests; slow down and retry later' } } });
    expect(errorReply(Object.assign(new Error('Unsupported Media Type: text/xml'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), 'r').body.error.message).not.toContain('text/xml');
  });
});
