import { createServer, type Server } from 'node:net';
import { freePort, redisAnswersPing } from './local-server.js';

/** A loopback server answering every connection with `reply`. */
async function answering(reply: string): Promise<{ port: number; server: Server }> {
  const port = await freePort();
  const server = createServer((socket) => socket.on('data', () => socket.end(reply)));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, server };
}

describe('redisAnswersPing', () => {
  it.each([
    ['+PONG\r\n', true],
    ['-LOADING Redis is loading the dataset in memory\r\n', false],
    ['HTTP/1.1 400 Bad Request\r\n', false],
  ])('reads the answer %j as %s', async (reply, expected) => {
    const { port, server } = await answering(reply);
    try {
      expect(await redisAnswersPing(port)).toBe(expected);
    } finally {
      server.close();
    }
  });

  it('is false, not an error, where nothing listens', async () => {
    expect(await redisAnswersPing(await freePort())).toBe(false);
  });
});
