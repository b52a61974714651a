import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { describeEnvironment } from '../config/env.js';
import { REPO_ROOT } from '../local-services/paths.js';
import { SocAgentError } from '../domain/errors.js';
import { SERVER_VERSION, TOOLS, type ToolName } from './server.js';

/** How to reach the evidence server: a subprocess on stdio, or a Streamable HTTP endpoint with its token. */
export const McpConnectionSchema = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('stdio'),
    command: z.string().min(1),
    args: z.array(z.string()),
    cwd: z.string().optional(),
    /** The child's whole environment (the SDK passes only a safe subset of ours otherwise). */
    env: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ transport: z.literal('http'), url: z.url(), token: z.string().min(1) }),
]);
export type McpConnection = z.infer<typeof McpConnectionSchema>;

type ToolByName = { [T in (typeof TOOLS)[number] as T['name']]: T };
export type ToolInput<N extends ToolName> = z.input<ToolByName[N]['inputSchema']>;
export type ToolOutput<N extends ToolName> = z.output<ToolByName[N]['outputSchema']>;

/** A tool's answer: its validated output, or the failure it reported (unknown alert, bad input…). */
export type ToolCallResult<N extends ToolName> = { ok: true; output: ToolOutput<N>; text: string } | { ok: false; code: string; message: string };

export interface McpClientOptions {
  connection: McpConnection;
  /** Per tool call. @defaultValue 30 000 ms */
  callTimeoutMs?: number;
  /** Starting the subprocess and the MCP handshake. @defaultValue 30 000 ms (tsx compiles on first start) */
  connectTimeoutMs?: number;
  /** What the stdio child does with its stderr (its logs). @defaultValue 'inherit' */
  stderr?: 'inherit' | 'pipe' | 'ignore';
}

const TOOL_BY_NAME: ReadonlyMap<string, (typeof TOOLS)[number]> = new Map(TOOLS.map((tool) => [tool.name, tool]));

/** The secrets the evidence server itself uses: reading Elasticsearch and asking threat-intel services. */
const SERVER_SECRETS = new Set(['ELASTICSEARCH_PASSWORD', 'ELASTICSEARCH_API_KEY', 'ABUSEIPDB_API_KEY', 'OTX_API_KEY', 'MISP_API_KEY']);

/**
 * The configuration variables a stdio server child gets: every setting but the analyst's choice (the server has
 * no analyst, and `ANALYST=claude` without the key it does not get would stop it), and of the secrets only those
 * it uses. A model key, API tokens or webhook URLs never reach a process that handles attacker-written data.
 */
const PASSED_TO_SERVER: readonly string[] = describeEnvironment()
  .filter((variable) => variable.name !== 'ANALYST' && (!variable.secret || SERVER_SECRETS.has(variable.name)))
  .map((variable) => variable.name);

/**
 * The stdio command of this checkout's server: `node --import tsx src/mcp-server/main.ts` when running from
 * source, `node dist/src/mcp-server/main.js` when compiled. `env` defaults to the configuration variables of
 * this process (see PASSED_TO_SERVER), on top of the SDK's safe defaults (PATH, HOME…).
 */
export function localStdioConnection(env: Readonly<Record<string, string | undefined>> = process.env): McpConnection {
  const fromSource = import.meta.url.endsWith('.ts');
  const main = fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url));
  const passed = PASSED_TO_SERVER;
  const childEnv: Record<string, string> = { ...getDefaultEnvironment() };
  for (const key of passed) {
    const value = env[key];
    if (value !== undefined) childEnv[key] = value;
  }
  // From the repository root: `--import tsx` and the relative folders of the config resolve there.
  return { transport: 'stdio', command: process.execPath, args: fromSource ? ['--import', 'tsx', main] : [main], cwd: REPO_ROOT, env: childEnv };
}

function unavailable(connection: McpConnection, err: unknown): SocAgentError {
  const where = connection.transport === 'stdio' ? `the MCP server subprocess (${connection.command} ${connection.args.join(' ')})` : `the MCP server at ${connection.url}`;
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new SocAgentError('MCP_UNAVAILABLE', `${where} is unavailable: ${reason}`, { transport: connection.transport }, { cause: err });
}

/** A transport-level failure after which a fresh connection may succeed (a crashed child, a dropped socket). */
function isConnectionLost(err: unknown): boolean {
  if (err instanceof McpError) return err.code === Number(ErrorCode.ConnectionClosed);
  return err instanceof Error && (err.message === 'Not connected' || err instanceof TypeError || /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|fetch failed/i.test(err.message));
}

/** `CODE: message` as the server writes failures; the SDK's own input validation reads as TOOL_INPUT_INVALID. */
function parseFailure(result: CallToolResult): { code: string; message: string } {
  const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
  const coded = /^([A-Z][A-Z_]+): ([\s\S]*)$/.exec(text);
  if (coded?.[1] && coded[2] !== undefined) return { code: coded[1], message: coded[2] };
  if (/Input validation error/i.test(text)) return { code: 'TOOL_INPUT_INVALID', message: text };
  return { code: 'TOOL_FAILED', message: text || 'the tool failed without a message' };
}

/**
 * The evidence server as the workers see it: typed tool calls whose output is checked against the tool's own
 * schema, a health check, and recovery from a crashed subprocess or dropped connection (reconnect, then retry the
 * call once; tools are read-only, so a retry is safe). When the server cannot be reached at all, calls fail with
 * `MCP_UNAVAILABLE`.
 */
export class McpClient {
  private client: Client | undefined;
  private transport: StdioClientTransport | StreamableHTTPClientTransport | undefined;
  private connecting: Promise<Client> | undefined;
  private restartCount = 0;
  private closed = false;

  private constructor(private readonly options: McpClientOptions) {}

  /** Connects now, so a server that cannot start is reported at once rather than on the first call. */
  static async connect(options: McpClientOptions): Promise<McpClient> {
    const client = new McpClient({ ...options, connection: McpConnectionSchema.parse(options.connection) });
    await client.ensureConnected();
    return client;
  }

  /** Reconnections made after the first connection (a restarted subprocess counts once). */
  get restarts(): number {
    return this.restartCount;
  }

  /** Process id of the stdio subprocess, when there is one. */
  get pid(): number | undefined {
    return this.transport instanceof StdioClientTransport ? (this.transport.pid ?? undefined) : undefined;
  }

  private async ensureConnected(): Promise<Client> {
    if (this.closed) throw new SocAgentError('MCP_UNAVAILABLE', 'the MCP client is closed');
    if (this.client) return this.client;
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Client> {
    const { connection } = this.options;
    const transport =
      connection.transport === 'stdio'
        ? new StdioClientTransport({ command: connection.command, args: connection.args, ...(connection.cwd ? { cwd: connection.cwd } : {}), ...(connection.env ? { env: connection.env } : {}), stderr: this.options.stderr ?? 'inherit' })
        : new StreamableHTTPClientTransport(new URL(connection.url), { requestInit: { headers: { authorization: `Bearer ${connection.token}` } } });
    const client = new Client({ name: 'soc-agent-worker', version: SERVER_VERSION });
    client.onclose = () => {
      if (this.client === client) this.client = undefined;
    };
    try {
      await client.connect(transport, { timeout: this.options.connectTimeoutMs ?? 30_000 });
      // Listing the tools once lets the SDK check structured output against the advertised schemas too.
      await client.listTools(undefined, { timeout: this.options.connectTimeoutMs ?? 30_000 });
    } catch (err) {
      await client.close().catch(() => undefined); // the connect error is the one worth reporting
      throw unavailable(connection, err);
    }
    if (this.transport) this.restartCount += 1;
    this.client = client;
    this.transport = transport;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined); // already broken: closing is only to free the child and sockets
  }

  private async request<T>(run: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.ensureConnected();
      try {
        return await run(client);
      } catch (err) {
        if (attempt === 1 && isConnectionLost(err)) {
          await this.drop();
          continue;
        }
        if (err instanceof McpError && err.code === Number(ErrorCode.RequestTimeout)) throw unavailable(this.options.connection, err);
        if (isConnectionLost(err)) throw unavailable(this.options.connection, err);
        throw err;
      }
    }
  }

  /** Health check: a ping and the tool list; throws MCP_UNAVAILABLE when the server does not answer. */
  async health(): Promise<{ tools: string[]; latencyMs: number }> {
    const started = performance.now();
    const tools = await this.request(async (client) => {
      await client.ping({ timeout: 5_000 });
      return (await client.listTools(undefined, { timeout: 5_000 })).tools.map((tool) => tool.name);
    });
    return { tools, latencyMs: Math.round(performance.now() - started) };
  }

  /** Calls a tool and returns its output or the failure it reported; throws only when the server is unreachable or answers out of contract. */
  async tryCallTool<N extends ToolName>(name: N, args: ToolInput<N>): Promise<ToolCallResult<N>> {
    return this.invoke(name, args);
  }

  /**
   * The same for a tool chosen at run time (a runbook step): the arguments are checked by the server against the
   * tool's input schema, and a mismatch comes back as a TOOL_INPUT_INVALID failure.
   */
  async tryCallToolByName(name: ToolName, args: Readonly<Record<string, unknown>>): Promise<ToolCallResult<ToolName>> {
    return this.invoke(name, args);
  }

  private async invoke<N extends ToolName>(name: N, args: Readonly<Record<string, unknown>>): Promise<ToolCallResult<N>> {
    const tool = TOOL_BY_NAME.get(name);
    if (!tool) throw new SocAgentError('MCP_TOOL_FAILED', `unknown tool ${name}`, { tool: name });
    let result: CallToolResult;
    try {
      result = await this.request(async (client) => CallToolResultSchema.parse(await client.callTool({ name, arguments: args }, undefined, { timeout: this.options.callTimeoutMs ?? 30_000 })));
    } catch (err) {
      if (err instanceof McpError && err.code === Number(ErrorCode.InvalidParams) && /structured content|output schema/i.test(err.message)) {
        throw new SocAgentError('MCP_OUTPUT_INVALID', `${name} answered outside its output schema: ${err.message}`, { tool: name }, { cause: err });
      }
      throw err;
    }
    if (result.isError) return { ok: false, ...parseFailure(result) };
    const parsed = tool.outputSchema.safeParse(result.structuredContent);
    if (!parsed.success) {
      throw new SocAgentError('MCP_OUTPUT_INVALID', `${name} answered outside its output schema: ${z.prettifyError(parsed.error).split('\n').slice(0, 3).join('; ')}`, { tool: name });
    }
    const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
    // The map from name to schema is by construction: `tool` is the entry of `name`.
    return { ok: true, output: parsed.data as ToolOutput<N>, text };
  }

  /** Calls a tool and returns its validated output; a failure the tool reports throws MCP_TOOL_FAILED with its code. */
  async callTool<N extends ToolName>(name: N, args: ToolInput<N>): Promise<ToolOutput<N>> {
    const result = await this.tryCallTool(name, args);
    if (!result.ok) throw new SocAgentError('MCP_TOOL_FAILED', `${name}: ${result.code}: ${result.message}`, { tool: name, toolCode: result.code });
    return result.output;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }
}
