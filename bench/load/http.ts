/**
 * A minimal HTTP/1.1 keep-alive client on a raw socket, for the load generator only. Node's own http client
 * (and fetch) cost several times more CPU per request than the server spends on an empty route, and on two
 * shared cores the loader's CPU is taken from the server: the leaner the loader, the closer the ceiling we
 * measure is to the server's own. One request at a time per connection (no pipelining), as browsers and tills do.
 */
import net from 'node:net';

export interface HttpAnswer {
  status: number;
  body: string;
}

const CRLF2 = Buffer.from('\r\n\r\n');

export class Connection {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (a: HttpAnswer) => void; reject: (e: Error) => void } | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        socket.on('error', (e) => this.fail(e));
        socket.on('close', () => {
          this.socket = null;
          this.fail(new Error('connection closed'));
        });
        socket.on('data', (chunk) => this.onData(chunk));
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  private fail(error: Error) {
    const p = this.pending;
    this.pending = null;
    this.buffer = Buffer.alloc(0);
    p?.reject(error);
  }

  private onData(chunk: Buffer) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const head = this.buffer.indexOf(CRLF2);
    if (head < 0) return;
    const headText = this.buffer.toString('latin1', 0, head);
    const status = Number(headText.slice(9, 12));
    // Node writes header names as the app gave them, lower case here; look case-blind only when that fails.
    let at = headText.indexOf('\r\ncontent-length:');
    if (at < 0) at = headText.toLowerCase().indexOf('\r\ncontent-length:');
    let body: string;
    let consumed: number;
    if (at >= 0) {
      // parseInt skips the space after the colon and stops at the line's end.
      const length = parseInt(headText.slice(at + 17, at + 40), 10);
      if (this.buffer.length < head + 4 + length) return;
      body = this.buffer.toString('utf8', head + 4, head + 4 + length);
      consumed = head + 4 + length;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(headText)) {
      const parsed = parseChunked(this.buffer, head + 4);
      if (!parsed) return;
      body = parsed.body;
      consumed = parsed.end;
    } else {
      throw new Error(`answer without length: ${headText}`);
    }
    this.buffer = this.buffer.length === consumed ? Buffer.alloc(0) : this.buffer.subarray(consumed);
    const p = this.pending;
    this.pending = null;
    p?.resolve({ status, body });
  }

  /** A request whose bytes never change (GET /api/health), built once and written as is every time. */
  prepared(method: string, path: string): Buffer {
    return Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n\r\n`, 'latin1');
  }

  async send(bytes: Buffer): Promise<HttpAnswer> {
    if (!this.socket) this.socket = await this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket!.write(bytes);
    });
  }

  async request(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
    if (!this.socket) this.socket = await this.connect();
    const payload = body === undefined ? undefined : Buffer.from(body);
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (payload) head += `Content-Length: ${payload.length}\r\n`;
    head += '\r\n';
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket!.write(payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : head);
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = null;
  }
}

function parseChunked(buf: Buffer, start: number): { body: string; end: number } | null {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (buf.length < lineEnd + 2 + size + 2) return null;
    if (size === 0) return { body: Buffer.concat(parts).toString('utf8'), end: lineEnd + 4 };
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
