import type { Duplex } from 'node:stream';

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

/** Any node server that emits 'clientError' (node:http's, and what @hono/node-server's serve returns). */
interface EmitsClientErrors {
  on(event: 'clientError', listener: (error: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
}

export function answerClientErrors(server: EmitsClientErrors): void {
  server.on('clientError', (error, socket) => {
    // A connection the client already dropped has nobody to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, text, code, message] = (error.code && REFUSALS[error.code]) || MALFORMED;
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
