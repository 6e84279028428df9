import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../../src/signing/sign';

export const randomNonce = (): string => randomBytes(12).toString('base64url');

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string, Buffer or FormData (then as is; fetch makes a FormData multipart). */
  body?: unknown;
}

export interface AppCredentials {
  id: string;
  key: string;
}

/** Real HTTP against a listening app, through Node's fetch; signed when given app credentials. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly app?: AppCredentials,
  ) {}

  /** The same client, signing every request as `app`. */
  signedAs(app: AppCredentials): HttpClient {
    return new HttpClient(this.baseUrl, app);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Buffer | FormData | undefined;
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body) || options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (this.app) {
      if (body instanceof FormData) throw new Error('signing a multipart body is not supported here');
      const signed = { method, url: path, timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce(), body };
      Object.assign(headers, signedHeaders(this.app, signed), options.headers);
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions): Promise<TestResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<TestResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<TestResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = any>(path: string, options?: RequestOptions): Promise<TestResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }
}
