import { randomBytes } from 'node:crypto';

import { signedHeaders } from '../../src/signing/sign';

export const randomNonce = (): string => randomBytes(12).toString('base64url');

/** A multipart form as fetch would send it: its bytes and its content type (with the boundary). */
export async function encodeForm(form: FormData): Promise<[Buffer, string]> {
  const encoded = new Response(form);
  return [Buffer.from(await encoded.arrayBuffer()), encoded.headers.get('content-type')!];
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string, Buffer or FormData (then as is; fetch makes a FormData multipart, signed as its bytes). */
  body?: unknown;
}

export interface AppCredentials {
  id: string;
  key: string;
  /** `X-Api-Id` for a developer app on the open API; `X-App-Id` otherwise. */
  idHeader?: 'X-App-Id' | 'X-Api-Id';
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
      // A form is signed as the exact bytes it is sent as: encode it once, boundary and all.
      if (body instanceof FormData) [body, headers['content-type']] = await encodeForm(body);
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
