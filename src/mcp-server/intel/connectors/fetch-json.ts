import { SocAgentError } from '../../../domain/errors.js';

export interface HttpOptions {
  timeoutMs: number;
  /** @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * One JSON request with a timeout. Errors name the service and the status, never the key or the full URL with
 * its query (an address under investigation is not something to spread through logs either).
 */
export async function fetchJson(service: string, url: string, init: RequestInit, options: HttpOptions): Promise<unknown> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new SocAgentError('INTEL_SOURCE_FAILED', timedOut ? `${service} did not answer within ${options.timeoutMs} ms` : `${service} could not be reached`, { service }, { cause: err });
  }
  if (!response.ok) {
    await response.body?.cancel();
    const reason = response.status === 401 || response.status === 403 ? 'refused the API key' : response.status === 429 ? 'rate limit reached' : 'failed';
    throw new SocAgentError('INTEL_SOURCE_FAILED', `${service} ${reason} (HTTP ${response.status})`, { service, statusCode: response.status });
  }
  try {
    return await response.json();
  } catch (err) {
    throw new SocAgentError('INTEL_SOURCE_FAILED', `${service} answered something other than JSON`, { service }, { cause: err });
  }
}
