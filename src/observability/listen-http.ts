import type { Server } from 'node:http';

export interface ListeningServer {
  /** `http://host:port`, the port the system chose when 0 was asked for. */
  origin: string;
  /** Stops listening and drops open connections, keep-alive ones too. */
  close: () => Promise<void>;
}

/** Starts a Node HTTP server on host and port (0 picks a free port) and says where it listens. */
export async function listenHttp(server: Server, host: string, port: number): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
