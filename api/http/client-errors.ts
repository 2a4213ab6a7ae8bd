import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';

/**
 * Requests Node's HTTP parser refuses before the app sees them (headers over its 16 KB limit, bytes that are not
 * HTTP, a request that took too long to arrive) would get Node's bare status line with no body. Here they get the
 * API's error format like every other refusal: a 4xx, a stable code and a message, then the connection closes.
 */
const REFUSALS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request took too long to arrive.'],
};
const MALFORMED: [number, string, string, string] = [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP.'];

/** Any node server that emits 'clientError' and 'checkExpectation' (node:http's). */
interface EmitsClientErrors {
  on(event: 'clientError', listener: (error: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
  on(event: 'checkExpectation', listener: (req: IncomingMessage, res: ServerResponse) => void): unknown;
  on(event: 'connect', listener: (req: IncomingMessage, socket: Duplex) => void): unknown;
}

/** The app's fetch, called with the Node request and response as its env (getConnInfo reads the socket there). */
type Fetch = Parameters<typeof getRequestListener>[0];

const errorJson = (code: string, message: string) => JSON.stringify({ error: { code, message } });

export function answerClientErrors(server: EmitsClientErrors): void {
  const refuse = (socket: Duplex, [status, text, code, message]: [number, string, string, string]) => {
    const body = errorJson(code, message);
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
  server.on('clientError', (error, socket) => {
    // A connection the client already dropped has nobody to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    refuse(socket, (error.code && REFUSALS[error.code]) || MALFORMED);
  });
  // CONNECT (a proxy's tunnel): Node would drop the connection without a word. This is no proxy.
  server.on('connect', (_req, socket) => refuse(socket, [405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', 'CONNECT is not answered here: this is no proxy.']));
  // An Expect other than 100-continue: Node would answer a bare 417.
  server.on('checkExpectation', (_req, res) => {
    const body = errorJson('EXPECTATION_FAILED', 'Only "Expect: 100-continue" is understood.');
    res.writeHead(417, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
    res.end(body);
  });
}

/** The HTTP server for the app (main.ts): the app's fetch as its listener, every refusal in the API's error format. */
export function nodeServer(fetch: Fetch, hostname?: string): Server {
  // Host is checked by requestListener, so that a request without one is refused in the API's error format too.
  const server = createServer({ requireHostHeader: false }, requestListener(fetch, hostname));
  answerClientErrors(server);
  return server;
}

/**
 * The app as node:http's request listener (on a server made with `requireHostHeader: false`). A request
 * @hono/node-server cannot make a web Request of (a Host header that is not a host name, a backslash in the path),
 * and an HTTP/1.1 request without a Host header (which Node would refuse itself), get a JSON 400 like every other
 * refusal instead of an empty one.
 */
export function requestListener(fetch: Fetch, hostname?: string): RequestListener {
  const listener = getRequestListener(fetch, {
    hostname,
    errorHandler: (error) =>
      error instanceof RequestError
        ? new Response(errorJson('BAD_REQUEST', 'The request is not valid HTTP: its Host header or path cannot be read.'), { status: 400, headers: { 'content-type': 'application/json', connection: 'close' } })
        : new Response(errorJson('INTERNAL', 'Something went wrong on our side.'), { status: 500, headers: { 'content-type': 'application/json' } }),
  });
  return (incoming, outgoing) => {
    if (incoming.httpVersion === '1.1' && incoming.headers.host === undefined) {
      const body = errorJson('BAD_REQUEST', 'An HTTP/1.1 request needs a Host header.');
      outgoing.writeHead(400, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
      outgoing.end(body);
      return;
    }
    return listener(incoming, outgoing);
  };
}
