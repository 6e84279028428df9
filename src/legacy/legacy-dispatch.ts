import { randomUUID } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';

import type { CallerApp, CallerRequest } from '../auth/caller';
import type { ChannelTagged } from '../core/http/logging';
import { ClientRequestLimit } from '../core/rate-limit/client-limit';

/** The header that ties a dispatched request to what the gateway already checked of its caller. */
const MARKER = 'x-legacy-dispatch';

/** What the gateway established of the outer request, handed to the request it sends to the REST twin. */
export interface DispatchContext {
  channel: string;
  /** The app the gateway verified on /api.php (signature, nonce, status, scope, Origin); none for a public twin. */
  app?: CallerApp;
  /** The twin's request, once it arrived: the gateway reads its session's user for the audit row. */
  twin?: CallerRequest;
}

/**
 * Sends the gateway's request to the REST twin through Fastify's `inject` into this very server:
 * the twin's hooks, access guard, validation, handler, filter and envelope all run as for any
 * client. The request carries a one-time marker (128 random bits, alive only while it is in
 * flight, never leaving the process); the first hook of the twin's request takes the marker off
 * and adopts what the gateway checked: the app (so the signature the client made over the
 * /api.php request it really sent is not asked for again over a request it never saw), the
 * client's per-IP count (already taken), and the channel. A marker from outside names nothing
 * pending and is dropped: that request is then an ordinary one.
 */
@Injectable()
export class LegacyDispatch implements OnModuleInit {
  private readonly pending = new Map<string, DispatchContext>();

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly clientLimit: ClientRequestLimit,
  ) {}

  onModuleInit(): void {
    // A command-line run (an application context) serves no HTTP: nothing to dispatch to.
    if (!this.host.httpAdapter) return;
    this.server().addHook('onRequest', (request, _reply, done) => {
      this.adopt(request);
      done();
    });
  }

  /** Sends `request` to the twin with `context` attached; resolves with the twin's whole response. */
  async send(context: DispatchContext, request: InjectOptions & { headers: Record<string, string> }): Promise<LightMyRequestResponse> {
    // Unguessable, so a header sent from outside never matches a dispatch in flight; randomUUID draws from a pooled buffer.
    const marker = randomUUID();
    this.pending.set(marker, context);
    try {
      return await this.server().inject({ ...request, headers: { ...request.headers, [MARKER]: marker } });
    } finally {
      this.pending.delete(marker);
    }
  }

  private adopt(request: FastifyRequest): void {
    const marker = request.headers[MARKER];
    if (marker === undefined) return;
    delete request.headers[MARKER];
    if (typeof marker !== 'string') return;
    const context = this.pending.get(marker);
    if (!context) return;
    this.pending.delete(marker);
    const twin = request as CallerRequest & ChannelTagged;
    twin.channel = context.channel;
    if (context.app) twin.callerApp = context.app;
    this.clientLimit.countedWith(request);
    context.twin = twin;
  }

  private server(): FastifyInstance {
    return this.host.httpAdapter.getInstance<FastifyInstance>();
  }
}
