import net from 'node:net';

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

const parse = (text: string): Pick<RawAnswer, 'status' | 'headers' | 'body'> => {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { headers: {}, body: '' };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
};

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
      resolve({ ...parse(Buffer.concat(chunks).toString()), sent, closed, answeredAfterMs, closedAfterMs });
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
    const drained = () => new Promise((done) => {
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
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
