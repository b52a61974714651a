/**
 * The catalogue of error codes. A code names what went wrong in the domain's words; the message says it for a
 * person, and `context` carries what identifies the failing thing (a variable, a URL, an index).
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SERVICE_UNAVAILABLE'
  | 'SERVICE_START_FAILED'
  | 'TOOL_MISSING'
  | 'RULE_INVALID'
  | 'RULE_UNSUPPORTED'
  | 'INGEST_FAILED'
  | 'INPUT_INVALID'
  | 'STEP_FAILED'
  | 'STEP_TIMEOUT'
  | 'INVESTIGATION_STATE_INVALID'
  | 'ALERT_NOT_FOUND'
  | 'RUNBOOK_NOT_FOUND'
  /** A runbook file that does not validate: the workers refuse to start rather than investigate without it. */
  | 'RUNBOOK_INVALID'
  | 'TOOL_INPUT_INVALID'
  | 'TOOL_FAILED'
  | 'MCP_UNAVAILABLE'
  | 'MCP_TOOL_FAILED'
  | 'MCP_OUTPUT_INVALID'
  | 'INTEL_FEED_INVALID'
  | 'INTEL_SOURCE_FAILED'
  /** The model's reply failed validation, also after the retries that showed it the issues. */
  | 'ANALYST_REPLY_INVALID'
  /** The model API could not be reached, kept failing, timed out, or the token budget ran out. */
  | 'ANALYST_UNAVAILABLE'
  /** API: no valid bearer token or session cookie. */
  | 'UNAUTHENTICATED'
  /** API: a state-changing browser request without a valid CSRF token or from another origin. */
  | 'FORBIDDEN'
  | 'INVESTIGATION_NOT_FOUND'
  | 'REPORT_NOT_FOUND'
  /** API: no route for this method and path. */
  | 'NOT_FOUND'
  /** API: the client asked only for representations the route cannot produce. */
  | 'NOT_ACCEPTABLE'
  /** API: an alert has been re-investigated as often as allowed. */
  | 'RERUN_LIMIT_REACHED'
  /** Discord's API refused a request or kept failing (a follow-up message, the command registration). */
  | 'DISCORD_REQUEST_FAILED'
  /** The notifier could not record what it queued or sent. */
  | 'NOTIFIER_FAILED';

export class SocAgentError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
