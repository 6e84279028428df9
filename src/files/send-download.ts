import { Readable } from 'node:stream';

import type { FastifyReply } from 'fastify';

import { closesConnection } from '../core/http/unread-body';
import { FileSlice } from './file-slice';
import type { Download } from './files.service';

/**
 * Answers with a download. A file on the local disk is written to the socket by the handler itself
 * (reused read buffers, `FileSlice.sendTo`): Fastify's stream answer cannot tell when a chunk has
 * left, so each chunk would need a fresh buffer. The head it writes holds what Fastify's would:
 * the headers the request's hooks set (request id, security headers, CORS), the answer's own, and
 * `connection: close` where an unread body calls for it. Fastify's onSend hooks do not run for it
 * (tracing's request span then ends with the answer); its onResponse hooks (metrics, the request
 * log) do, once the answer finishes. The body may not outgrow or fall short of its Content-Length:
 * a file that does is cut off, never run into the connection's next answer.
 */
export async function sendDownload(reply: FastifyReply, { status, headers, body }: Download): Promise<void> {
  if (body instanceof FileSlice && reply.request.method === 'HEAD') {
    // A HEAD answer has no body: nothing to read. An empty stream keeps Fastify from answering Content-Length: 0.
    body.destroy();
    body = Readable.from([]);
  }
  if (!(body instanceof FileSlice)) {
    await reply.status(status).headers(headers).send(body);
    return;
  }
  try {
    const outcome = await body.sendTo(reply.raw, () => {
      if (closesConnection(reply.request.raw)) reply.header('connection', 'close');
      reply.raw.strictContentLength = true;
      // Written before the reply is hijacked: a head Node refuses is still answered as an error.
      reply.raw.writeHead(status, { ...reply.getHeaders(), ...headers } as Record<string, string | number | string[]>);
      reply.hijack();
    });
    if (outcome === 'client-gone') reply.log.info('download ended early: the client went away');
  } catch (error) {
    if (!reply.raw.headersSent) throw error;
    reply.log.warn({ err: error }, 'download cut short after its head was sent');
  }
}
