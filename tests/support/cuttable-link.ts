/**
 * A TCP link to a server that a test can cut, as a lost network would: every open connection is
 * reset and new ones are refused. Cutting the link rather than killing s3rver keeps the store
 * consistent: s3rver writes an object's data and metadata as separate files, so a SIGKILL can
 * leave a half-written object that real S3, whose PUTs are atomic, never would.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface CuttableLink {
  endpoint: string;
  cut(): Promise<void>;
}

export async function openLink(targetEndpoint: string): Promise<CuttableLink> {
  const target = new URL(targetEndpoint);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut: () =>
      new Promise((resolve) => {
        proxy.close(() => resolve());
        for (const socket of sockets) socket.resetAndDestroy();
      }),
  };
}
