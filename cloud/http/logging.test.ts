/**
 * Logs carry no personal data. A real database failure during a real sign-up (a CHECK constraint
 * added to this test's own database refuses the phone number, so the INSERT fails with the
 * number in drizzle's `params:`, in PGlite's / postgres.js's parameters and in Postgres's
 * `Failing row contains (…)` detail) is logged with its SQLSTATE, its constraint and its
 * statement, and nothing of the person: neither the number in any form, nor the name, nor the
 * password. Query-string values stay out of the request lines too.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { errorSummary, messageWithoutValues, urlWithoutValues } from './logging.js';

const PHONE_NATIONAL = '01 97 33 44 55';
const PHONE_FORMS = ['+2290197334455', '2290197334455', '0197334455', '01 97 33 44 55', '97334455', '97 33 44 55'];
const OWNER = 'Rokiatou Témoin';
const PASSWORD = 'motdepasse-secret-42';

let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer({}, { logger: pino({ level: 'info' }, stream) });
  // A real failure with values: this test database refuses one number.
  await server.ctx.db.executeSql(`ALTER TABLE users ADD CONSTRAINT users_phone_not_this_one CHECK (phone <> '+2290197334455')`);
});
afterAll(async () => {
  await server?.close();
});

describe('error logs', () => {
  it('log a failed statement with its code, constraint and text, and no value of the request', async () => {
    const response = await fetch(`${server.url}/api/auth/signup?ref=${encodeURIComponent('+2290197334455')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshopName: 'Atelier Témoin', ownerName: OWNER, phone: PHONE_NATIONAL, email: 'temoin@example.com', password: PASSWORD }),
    });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('internal');

    const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: Record<string, unknown> }).filter((l) => l.level >= 50);
    const unhandled = errors.find((l) => l.msg === 'unhandled error');
    expect(unhandled, lines.join('\n').slice(0, 2000)).toBeDefined();
    // Nothing of the person, in any line (the request lines included)…
    const everything = lines.join('\n');
    for (const form of PHONE_FORMS) expect(everything, `phone ${form} in the log`).not.toContain(form);
    for (const secret of [OWNER, 'Rokiatou', PASSWORD, 'temoin@example.com', 'Atelier Témoin']) expect(everything, `${secret} in the log`).not.toContain(secret);
    expect(everything).not.toMatch(/params|parameters|Failing row|detail/i);
    // …and what a developer needs: the SQLSTATE, the constraint, the statement, where it failed.
    const logged = JSON.stringify(unhandled);
    expect(logged).toContain('23514');
    expect(logged).toContain('users_phone_not_this_one');
    expect(unhandled?.err?.statement).toMatch(/^insert into "users" \(.*\) values \(\$1, /i);
    expect(unhandled?.err?.stack).toMatch(/^DrizzleQueryError: Failed query\n\s+at /);

  });
});

describe('summaries', () => {
  it('keep quoted names the error gives and hide quoted values and byte dumps', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "+2290197334455" in "users"'), { code: '22P02', severity: 'ERROR', table: 'users', detail: 'Key (phone)=(+2290197334455) already exists.' });
    const summary = errorSummary(error);
    expect(summary).toMatchObject({ type: 'Error', code: '22P02', table: 'users', message: 'invalid input syntax for type uuid: "…" in "users"' });
    expect(JSON.stringify(summary)).not.toContain('0197334455');
    expect(messageWithoutValues('invalid byte sequence for encoding "UTF8": 0xed 0xa0 0x80', ['UTF8'], true)).toBe('invalid byte sequence for encoding "UTF8": 0x…');
    expect(messageWithoutValues('Failed query: select 1 where a = $1\nparams: +2290197334455')).toBe('Failed query: select 1 where a = $1');
  });

  it('log query parameters by name only', () => {
    expect(urlWithoutValues('/api/directory/search?q=%2B2290197334455&lat=6.3')).toBe('/api/directory/search?q=…&lat=…');
    expect(urlWithoutValues('/api/members')).toBe('/api/members');
  });
});
