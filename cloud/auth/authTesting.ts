/**
 * Helpers for the accounts tests: a real server with a clock the test can move forward, and
 * small JSON-over-HTTP calls (global fetch, no mocks).
 */
import { z } from 'zod';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { sessionResponse, type SessionResponse } from './schemas.js';

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }).loose() });

/** The `{error:{code,message}}` of an answer (fails the test if the answer has another shape). */
export function errorOf(reply: Reply): { code: string; message: string; [key: string]: unknown } {
  return errorBody.parse(reply.body).error;
}

/** The session of a signup / login / accept answer, checked against its declared schema. */
export function sessionOf(reply: Reply): SessionResponse {
  if (reply.status >= 300) throw new Error(`expected a session, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return sessionResponse.parse(reply.body);
}

export interface AuthTestServer extends TestServer {
  /** Moves the server's clock (ctx.now and the hub's clock) forward. */
  advance(ms: number): void;
  call(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<Reply>;
  signup(overrides?: Partial<SignupInput>): Promise<Reply>;
}

export interface SignupInput {
  workshopName: string;
  ownerName: string;
  phone: string;
  email?: string;
  password: string;
}

export async function startAuthServer(): Promise<AuthTestServer> {
  let offset = 0;
  const server = await startTestServer({}, { now: () => new Date(Date.now() + offset) });
  const call: AuthTestServer['call'] = async (method, path, body, token, headers = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
  };
  return {
    ...server,
    advance(ms) {
      offset += ms;
    },
    call,
    signup: (overrides = {}) =>
      call('POST', '/api/auth/signup', {
        workshopName: 'Atelier Grâce Couture',
        ownerName: 'Grâce Houngbédji',
        phone: '01 97 00 00 01',
        password: 'motdepasse-solide',
        ...overrides,
      }),
  };
}

/** A Bénin mobile number, distinct for each n (national form). */
export function beninPhone(n: number): string {
  return `01 97 ${String(n).padStart(6, '0').replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}`;
}

export function e164(national: string): string {
  return `+229${national.replace(/\s/g, '')}`;
}
