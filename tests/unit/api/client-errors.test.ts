/**
 * What Node's HTTP parser refuses before the app runs still answers in the API's error format: headers over the
 * limit, bytes that are not HTTP. A real server on a real socket, raw bytes in, raw bytes out.
 */
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../../../api/http/client-errors.js';

let server: Server;
let port = 0;
let handled = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    handled++;
    res.end('ok');
  });
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and reads everything until the server closes the connection. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parse(answer: string) {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), head: head!, body: JSON.parse(body!) };
}

describe('requests refused by the HTTP parser', () => {
  it('headers over the limit get 431 with a JSON error, and never reach the app', async () => {
    const before = handled;
    const answer = parse(await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.head).toMatch(/content-type: application\/json/i);
    expect(answer.body).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) } });
    expect(handled).toBe(before);
  });

  it('bytes that are not HTTP get 400 with a JSON error', async () => {
    const answer = parse(await raw('HELLO there\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BAD_REQUEST');
  });

  it('a well-formed request still reaches the app', async () => {
    expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1.1 200 OK[\s\S]*ok$/);
  });
});
