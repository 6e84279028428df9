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
