import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are (malformed HTTP that fetch refuses to send), ends the sending side, and
 * reads the first final answer: by Content-Length, with no body for HEAD. Resolves undefined when
 * the server closed the connection without a byte; rejects on a partial or unreadable answer, or
 * none within `timeoutMs`.
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawResponse | undefined> {
  const head = Buffer.from(bytes).subarray(0, 5).toString('latin1') === 'HEAD ';
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(received, head);
      if (parsed || received.length === 0) resolve(parsed);
      else reject(new Error(`no complete HTTP response: ${JSON.stringify(received.toString('latin1').slice(0, 300))}`));
    };
    const timer = setTimeout(() => {
      if (received.length === 0 && !settled) {
        settled = true;
        socket.destroy();
        reject(new Error(`no answer within ${timeoutMs} ms`));
      } else finish();
    }, timeoutMs);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (parseResponse(received, head)) finish();
    });
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
        settled = true;
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}

/** The first final response in `bytes` (1xx interim answers skipped), once all of it is there. */
export function parseResponse(bytes: Buffer, head = false): RawResponse | undefined {
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    if (status >= 100 && status < 200) {
      rest = rest.subarray(end + 4);
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const at = line.indexOf(':');
      headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    const length = head ? 0 : Number(headers['content-length'] ?? NaN);
    const body = rest.subarray(end + 4);
    if (!Number.isFinite(length) || body.length < length) return undefined;
    return { status, headers, body: body.subarray(0, length).toString('utf8') };
  }
}

export interface RawAnswer {
  /** The status of the response; undefined when none came. */
  status?: number;
  headers: Record<string, string>;
  /** The response body as received (up to the server's close). */
  body: string;
  /** Bytes of the request body written to the socket before the answer came or the client gave up. */
  sent: number;
  /** Whether the server closed the connection (within `waitMs` of the stall). */
  closed: boolean;
  /** Milliseconds from the start until the first byte of the response, and until the server closed. */
  answeredAfterMs?: number;
  closedAfterMs?: number;
}

export interface StalledRequest {
  port: number;
  /** The request line and headers, without the blank line that ends them. */
  head: string[];
  body: Buffer;
  /** Writes this many bytes of the body, then stops writing, as a slow or stuck client does. */
  stallAfter: number;
  /** How long to wait, once stalled, for the answer and the close. */
  waitMs: number;
}

/**
 * A request over a raw socket that sends part of its body and then stalls: what a client sees of
 * a server that refuses a body as it arrives (an answer before the body is complete, and the
 * connection closed) rather than after reading all of it. Writing stops as soon as anything comes back.
 */
export function stalledRequest({ port, head, body, stallAfter, waitMs }: StalledRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let sent = 0;
    let answeredAfterMs: number | undefined;
    let closed = false;
    let closedAfterMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;

    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...(parseResponse(Buffer.concat(chunks)) ?? { headers: {}, body: '' }), sent, closed, answeredAfterMs, closedAfterMs });
    };
    socket.on('data', (chunk) => {
      answeredAfterMs ??= Date.now() - started;
      chunks.push(chunk);
    });
    socket.on('error', () => undefined); // a reset after the answer is one way of closing
    socket.on('close', () => {
      closed = true;
      closedAfterMs = Date.now() - started;
      finish();
    });

    // A server that neither reads nor answers leaves a write undrained: that too ends in the stall.
    const drained = () =>
      new Promise((done) => {
        const wait = setTimeout(done, waitMs);
        socket.once('drain', () => done(clearTimeout(wait)));
      });
    const writeBody = async (): Promise<void> => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      for (let at = 0; at < stallAfter && answeredAfterMs === undefined && !closed; at += 16 * 1024) {
        const piece = body.subarray(at, Math.min(at + 16 * 1024, stallAfter));
        sent += piece.length;
        if (!socket.write(piece)) await drained();
      }
      if (!closed) timer = setTimeout(finish, waitMs);
    };
    socket.once('connect', () => void writeBody());
  });
}

/** A multipart form with a `type` field and a `file` part, as bytes, and the headers to send it with. */
export function multipartForm(file: Buffer, type = 'bin'): { body: Buffer; contentType: string } {
  const boundary = `----raw${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\n${type}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
