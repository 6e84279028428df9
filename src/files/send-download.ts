import type { FastifyReply } from 'fastify';

import { closesConnection } from '../core/http/unread-body';
import { FileSlice } from './file-slice';
import type { Download } from './files.service';

/**
 * Answers with a download. A file on the local disk is written to the socket by the handler itself
 * (reused read buffers, `FileSlice.sendTo`): Fastify's stream answer cannot tell when a chunk has
 * left, so each chunk would need a fresh buffer. The head it writes holds what Fastify's would:
 * the headers the request's hooks set (request id, security headers, CORS) and the answer's own.
 * Fastify's onResponse hooks (metrics, the request log) still run when the answer finishes.
 */
export async function sendDownload(reply: FastifyReply, { status, headers, body }: Download): Promise<void> {
  if (!(body instanceof FileSlice)) {
    await reply.status(status).headers(headers).send(body);
    return;
  }
  await body.sendTo(reply.raw, () => {
    reply.hijack();
    if (closesConnection(reply.request.raw)) reply.header('connection', 'close');
    reply.raw.writeHead(status, { ...reply.getHeaders(), ...headers } as Record<string, string | number | string[]>);
  });
}
