import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Client } from 'pg';

import { AppConfig } from '../config/app-config';
import { DATABASE_URL, PrismaService } from '../database/prisma.service';
import { Metrics } from '../metrics/metrics';
import { inStore, REDIS, RedisClient } from '../redis/redis.module';

/** Receives the key that changed, or '*' when messages may have been missed (flush it all). */
type Listener = (key: string) => void;

export const EVERYTHING = '*';

const CHANNEL = 'platform_invalidate';

/** Pause between attempts to listen again after the connection was lost. */
const RECONNECT_MS = 1000;

/**
 * Tells every process that something it may hold in memory changed (a session revoked, an app
 * disabled). The publishing process hears its own message at once; the others through
 * PostgreSQL LISTEN/NOTIFY, or Redis pub/sub when REDIS_URL is set, within milliseconds.
 */
export abstract class InvalidationBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly instance = randomUUID();
  private hearing = false;
  private everHeard = false;

  /** `metrics` also reaches the caches over this bus (their hits and misses). */
  constructor(readonly metrics: Metrics) {
    metrics.cache.busLive.sampleFrom(() => [[{}, this.hearing ? 1 : 0]]);
  }

  /**
   * True while messages from other processes reach this one. Otherwise (not yet connected, or
   * the connection lost and not yet re-made) a change made elsewhere would go unheard, so local
   * caches keep nothing and every read goes to the database.
   */
  get live(): boolean {
    return this.hearing;
  }

  /** Calls `listener(key)` whenever `topic` is published, here or in another process. */
  on(topic: string, listener: Listener): void {
    const set = this.listeners.get(topic) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(topic, set);
  }

  async publish(topic: string, key: string): Promise<void> {
    this.deliver(topic, key);
    await this.broadcast(JSON.stringify({ topic, key, from: this.instance, at: Date.now() }));
  }

  protected abstract broadcast(message: string): Promise<void>;

  protected receive(message: string): void {
    let parsed: { topic: string; key: string; from: string; at?: number };
    try {
      parsed = JSON.parse(message) as { topic: string; key: string; from: string; at?: number };
    } catch {
      return; // not ours
    }
    if (parsed.from === this.instance) return;
    // Clocks of two machines differ a little: a lag below zero is read as none.
    if (typeof parsed.at === 'number') this.metrics.cache.busLag.observe({}, Math.max(0, Date.now() - parsed.at) / 1000);
    this.deliver(parsed.topic, parsed.key);
  }

  /** Listening again: what was said while deaf is unknown, so everything held is dropped once more. */
  protected connected(): void {
    if (this.everHeard) this.metrics.cache.busReconnects.inc({});
    this.everHeard = true;
    this.hearing = true;
    this.forgetEverything();
  }

  /** Deaf from now on until `connected()`: drop everything held, and hold nothing meanwhile. */
  protected disconnected(): void {
    this.hearing = false;
    this.forgetEverything();
  }

  private forgetEverything(): void {
    for (const topic of this.listeners.keys()) this.deliver(topic, EVERYTHING);
  }

  private deliver(topic: string, key: string): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(key);
  }
}

/** PostgreSQL: one dedicated connection LISTENs (reconnecting when it drops); NOTIFY goes through the pool. */
@Injectable()
export class PostgresInvalidationBus extends InvalidationBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PostgresInvalidationBus.name);
  private listener?: Client;
  private reconnect?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    metrics: Metrics,
  ) {
    super(metrics);
  }

  async onModuleInit(): Promise<void> {
    await this.listen().catch((error: Error) => this.retry(error));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  protected async broadcast(message: string): Promise<void> {
    await this.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${message})`;
  }

  private async listen(): Promise<void> {
    if (this.closing) return;
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on('notification', (msg) => msg.payload && this.receive(msg.payload));
    // A connection that ends without an error (the server shut down cleanly) is lost all the same.
    const lost = (error: Error): void => {
      if (client === this.listener) this.retry(error);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    this.listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.closing) return void (await client.end());
    if (client === this.listener) this.connected();
  }

  private retry(error: Error): void {
    if (this.closing) return;
    this.logger.warn(`invalidation listener lost (${error.message}); reconnecting`);
    const old = this.listener;
    this.listener = undefined;
    void old?.end().catch(() => undefined);
    this.disconnected();
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.listen().catch((e: Error) => this.retry(e)), RECONNECT_MS);
    this.reconnect.unref();
  }
}

/** Redis: a subscriber connection of its own (a subscribed connection can do nothing else). */
@Injectable()
export class RedisInvalidationBus extends InvalidationBus implements OnModuleInit, OnModuleDestroy {
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: NonNullable<RedisClient>,
    private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    super(metrics);
  }

  private get channel(): string {
    return `${this.config.REDIS_KEY_PREFIX}${CHANNEL}`;
  }

  onModuleInit(): void {
    // Subscribed by hand on every (re)connection rather than by ioredis, so the bus knows the
    // moment it hears again; until then it is not live (see InvalidationBus.live).
    const subscriber = this.redis.duplicate({ keyPrefix: undefined, enableOfflineQueue: true, autoResubscribe: false });
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    subscriber.on('error', () => undefined); // the shared connection already logs Redis outages
    subscriber.on('close', () => this.disconnected());
    subscriber.on('ready', () => this.subscribe(subscriber));
    // With Redis down the app still boots (readiness says 995); ioredis connects when it can.
    this.subscriber = subscriber;
  }

  private subscribe(subscriber: Redis): void {
    subscriber.subscribe(this.channel).then(
      () => subscriber.status === 'ready' && this.connected(),
      () => {
        // Connection lost meanwhile: the next 'ready' subscribes. No answer in time: try again.
        if (subscriber.status === 'ready') setTimeout(() => this.subscribe(subscriber), RECONNECT_MS).unref();
      },
    );
  }

  onModuleDestroy(): void {
    // disconnect, not quit: quit would wait in the offline queue for a Redis that may never come.
    this.subscriber?.disconnect();
  }

  protected async broadcast(message: string): Promise<void> {
    await inStore(() => this.redis.publish(this.channel, message));
  }
}
