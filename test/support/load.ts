import { TestResponse } from './http-client';

/** One answer given under load: what a client saw, and how long it waited. */
export interface Answer {
  status: number;
  code: unknown;
  /** Whether the body was the catalogue's envelope (`{ code, message }`). */
  enveloped: boolean;
  ms: number;
  /** When it was sent, in ms since the load began. */
  at: number;
}

/**
 * Keeps `concurrency` clients sending requests one after another until `stop()`, recording every
 * answer: the load a fault is injected under. Bounded: it sends nothing after `stop()`, and no
 * longer than `maxMs` in any case.
 */
export class Load {
  private readonly answers: Answer[] = [];
  private running = true;
  private readonly workers: Promise<void>[];
  private readonly began = Date.now();

  constructor(
    private readonly send: (worker: number, round: number) => Promise<TestResponse>,
    concurrency: number,
    maxMs = 60_000,
  ) {
    const deadline = this.began + maxMs;
    this.workers = Array.from({ length: concurrency }, (_, worker) => this.work(worker, deadline));
  }

  private async work(worker: number, deadline: number): Promise<void> {
    for (let round = 0; this.running && Date.now() < deadline; round += 1) {
      const sent = Date.now();
      const response = await this.send(worker, round).catch((error: Error) => ({ status: 0, body: error.message }) as TestResponse);
      const body = response.body as { code?: unknown; message?: unknown } | undefined;
      this.answers.push({
        status: response.status,
        code: body?.code,
        enveloped: typeof body === 'object' && body !== null && typeof body.code === 'number' && typeof body.message === 'string',
        ms: Date.now() - sent,
        at: sent - this.began,
      });
    }
  }

  /** Answers so far (the load goes on). */
  get soFar(): readonly Answer[] {
    return this.answers;
  }

  /** Stops sending, waits for the requests in flight, and returns every answer. */
  async stop(): Promise<Answer[]> {
    this.running = false;
    await Promise.all(this.workers);
    return this.answers;
  }
}

/** Counts of `answers` by "status/code", for a readable failure message. */
export function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = `${answer.status}/${String(answer.code)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
