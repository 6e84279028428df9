import type { FastifyRequest } from 'fastify';

/** A session as a client presents it: the user's uuid and the session key. */
export interface SessionCredentials {
  uuid: string;
  ukey: string;
}

const BEARER = /^Bearer ([0-9a-fA-F-]{36})\.([A-Za-z0-9_-]{16,128})$/;

/** `Authorization: Bearer <uuid>.<ukey>`, or the `X-Uuid` and `X-Ukey` headers; undefined when neither is sent. */
export function sessionCredentials(request: FastifyRequest): SessionCredentials | 'malformed' | undefined {
  const { authorization } = request.headers;
  if (authorization) {
    const match = BEARER.exec(authorization);
    return match ? { uuid: match[1].toLowerCase(), ukey: match[2] } : 'malformed';
  }
  const uuid = request.headers['x-uuid'];
  const ukey = request.headers['x-ukey'];
  if (typeof uuid === 'string' && typeof ukey === 'string' && uuid && ukey) return { uuid: uuid.toLowerCase(), ukey };
  return undefined;
}
