import { createServer, RequestListener, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** An HTTP server for a provider fake on 127.0.0.1, on a port the OS picks. */
export async function listenOnLoopback(listener: RequestListener): Promise<{ server: Server; port: number }> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes a fake's server at once: the SDKs keep connections alive, which would make close() wait for them. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
