// For the processes a Sluice command or test starts on this machine (local mode's private Redis,
// a test's own redis-server): a free loopback port, and whether a Redis there answers yet.
import { createConnection, createServer } from 'node:net';

/** A port free on 127.0.0.1 now (the kernel's pick); free, not reserved, until something binds. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** One inline PING over RESP; Redis answers +PONG once it accepts commands. Never rejects. */
export function redisAnswersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) socket.end();
    });
    // 'close' follows every error (refused while starting), so it alone resolves.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}
