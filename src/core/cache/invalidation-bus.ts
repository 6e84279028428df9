import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL, PrismaService } from '../database/prisma.service';
import { REDIS, RedisClient } from '../redis/redis.module';

/** Receives the key that changed, or '*' when messages may have been missed (flush it all). */
type Listener = (key: string) => void;

export const EVERYTHING = '*';

const CHANNEL = 'platform_invalidate';

/**
 * Tells every process that something it may hold in memory changed (a session revoked, an app
 * disabled). The publishing process hears its own message at once; the others through
 * PostgreSQL LISTEN/NOTIFY, or Redis pub/sub when REDIS_URL is set, within milliseconds.
 */
export abstract class InvalidationBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly instance = randomUUID();

  /** Calls `listener(key)` whenever `topic` is published, here or in another process. */
  on(topic: string, listener: Listener): void {
    const set = this.listeners.get(topic) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(topic, set);
  }

  async publish(topic: string, key: string): Promise<void> {
    this.deliver(topic, key);
    await this.broadcast(JSON.stringify({ topic, key, from: this.instance }));
  }

  protected abstract broadcast(message: string): Promise<void>;

  protected receive(message: string): void {
    let parsed: { topic: string; key: string; from: string };
    try {
      parsed = JSON.parse(message);
    } catch {
      return; // not ours
    }
    if (parsed.from !== this.instance) this.deliver(parsed.topic, parsed.key);
  }

  /** After a lost connection nothing said meanwhile can be trusted to have arrived. */
  protected forgetEverything(): void {
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
  ) {
    super();
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
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    client.on('notification', (msg) => msg.payload && this.receive(msg.payload));
    client.on('error', (error) => this.retry(error));
    this.listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.closing) await client.end();
  }

  private retry(error: Error): void {
    if (this.closing) return;
    this.logger.warn(`invalidation listener lost (${error.message}); reconnecting`);
    void this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    this.forgetEverything();
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.listen().catch((e: Error) => this.retry(e)), 1000);
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
  ) {
    super();
  }

  private get channel(): string {
    return `${this.config.REDIS_KEY_PREFIX}${CHANNEL}`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.duplicate({ keyPrefix: undefined, enableOfflineQueue: true });
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    subscriber.on('error', () => undefined); // the shared connection already logs Redis outages
    subscriber.on('reconnecting', () => this.forgetEverything());
    // Not awaited: with Redis down the app still boots (readiness says 995); ioredis subscribes
    // once it connects and re-subscribes after every reconnect.
    subscriber.subscribe(this.channel).catch(() => undefined);
    this.subscriber = subscriber;
  }

  onModuleDestroy(): void {
    // disconnect, not quit: quit would wait in the offline queue for a Redis that may never come.
    this.subscriber?.disconnect();
  }

  protected async broadcast(message: string): Promise<void> {
    await this.redis.publish(this.channel, message);
  }
}
