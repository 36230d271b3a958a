/**
 * What an error log may say: enough to find the bug, nothing of the people it was about.
 *
 * Database errors used to be logged whole: drizzle's message ends with `params: <every value>`,
 * PGlite's errors carry `params`, postgres.js's `parameters` (enumerable in debug mode), and
 * Postgres's own `detail` repeats values (`Key (phone)=(+229…) already exists`, `Failing row
 * contains (…)`), as do some of its messages (`invalid input syntax for type uuid: "…"`). Phone
 * numbers, member ids and an invite code's hash ended up in the logs that way.
 *
 * `errorSummary` keeps, by allow-list: the error's class, the SQLSTATE `code`, the severity, the
 * names of the constraint, table, column, schema and type, the statement text (drizzle sends
 * values as `$n` parameters, so the statement holds none), a message with the parameters cut off
 * and any quoted value replaced by `"…"` (quoted names the error itself names are kept), and the
 * stack's frames (its first line is rebuilt from that message). Causes are summarised the same
 * way. `requestSummary` logs a request's path and only the NAMES of its query parameters.
 */
const MAX_STATEMENT = 2_000;
const MAX_FRAMES = 15;
const MAX_CAUSES = 3;

type Bag = Record<string, unknown>;

function isObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

function firstString(error: Bag, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = error[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function typeOf(error: Bag): string {
  const name = typeof error.constructor === 'function' && error.constructor !== Object ? error.constructor.name : undefined;
  // A minified class name (PGlite's DatabaseError is `O`) says less than the error's own name.
  if (name && name.length > 2) return name;
  return firstString(error, 'type', 'name') ?? name ?? 'Error';
}

/** A Postgres error (PGlite's DatabaseError, postgres.js's PostgresError): a 5-character SQLSTATE. */
function isDatabaseError(error: Bag): boolean {
  return typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && typeof error.severity === 'string';
}

/**
 * A message without values: drizzle's `params:` tail cut off; in a database error's message,
 * quoted text that is not one of the names the error gives, and byte dumps (`0xe2 0x80`), hidden.
 */
export function messageWithoutValues(message: string, names: readonly string[] = [], database = false): string {
  const cut = message.split(/\r?\nparams:/)[0]!;
  if (!database) return cut.length > MAX_STATEMENT ? `${cut.slice(0, MAX_STATEMENT)}…` : cut;
  return cut
    .replace(/"((?:[^"]|"")*)"/g, (whole, inside: string) => (names.includes(inside) ? whole : '"…"'))
    .replace(/0x[0-9a-f]{2}(?: 0x[0-9a-f]{2})*/gi, '0x…')
    .slice(0, MAX_STATEMENT);
}

function frames(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
}

/** Marks a summary, so that a serializer given one (the error handler summarises first) keeps it. */
const SUMMARY = Symbol('styliste.errorSummary');

/** The loggable part of anything thrown (see the header). Accepts pino's serialized errors too. */
export function errorSummary(thrown: unknown, depth = 0): Bag {
  // pino wraps a custom serializer around its own: the original error is kept as `raw`.
  const error = isObject(thrown) && isObject((thrown as { raw?: unknown }).raw) ? ((thrown as { raw: Bag }).raw as Bag) : thrown;
  if (isObject(error) && SUMMARY in error) return error;
  if (!isObject(error)) return { type: typeof error, message: messageWithoutValues(String(error)).slice(0, 200), [SUMMARY]: true };
  const type = typeOf(error);
  const database = isDatabaseError(error);
  const summary: Bag = { type };
  if (database) {
    summary.code = error.code;
    summary.severity = error.severity;
    const names: Record<string, string | undefined> = {
      constraint: firstString(error, 'constraint', 'constraint_name'),
      table: firstString(error, 'table', 'table_name'),
      column: firstString(error, 'column', 'column_name'),
      schema: firstString(error, 'schema', 'schema_name'),
      dataType: firstString(error, 'dataType', 'data_type'),
      routine: firstString(error, 'routine'),
    };
    for (const [key, value] of Object.entries(names)) if (value) summary[key] = value;
  } else if (typeof error.code === 'string' || typeof error.code === 'number') {
    summary.code = error.code;
  }
  if (typeof error.status === 'number') summary.status = error.status;
  if (typeof error.type === 'string' && error.type !== type) summary.kind = error.type;
  const statement = firstString(error, 'query');
  if (statement) summary.statement = statement.length > MAX_STATEMENT ? `${statement.slice(0, MAX_STATEMENT)}…` : statement;
  const rawMessage = typeof error.message === 'string' ? error.message : '';
  const names = [summary.constraint, summary.table, summary.column, summary.schema, summary.dataType].filter((n): n is string => typeof n === 'string');
  // drizzle's message is "Failed query: <statement>\nparams: <values>": the statement is logged once.
  const message = statement && rawMessage.startsWith('Failed query:') ? 'Failed query' : messageWithoutValues(rawMessage, names, database);
  summary.message = message;
  const stack = frames(error.stack);
  if (stack.length) summary.stack = [`${type}: ${message}`, ...stack].join('\n');
  if (depth < MAX_CAUSES && error.cause !== undefined && error.cause !== error) summary.cause = errorSummary(error.cause, depth + 1);
  if (depth < MAX_CAUSES && Array.isArray(error.errors)) summary.errors = error.errors.slice(0, 5).map((e) => errorSummary(e, depth + 1));
  Object.defineProperty(summary, SUMMARY, { value: true, enumerable: false });
  return summary;
}

/** A URL's path with its query parameters' names only: `/api/x?q=…&lat=…`. */
export function urlWithoutValues(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]!.slice(0, 40)}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** A request as logged: its id, method and path (query values left out). */
export function requestSummary(req: unknown): Bag {
  if (!isObject(req)) return {};
  const url = firstString(req, 'originalUrl', 'url') ?? '';
  return { id: req.id, method: req.method, url: urlWithoutValues(url).replace(/^\/t\/[^?]*/, '/t/…') }; // a tracking link's token is its only proof
}

/** pino serializers: pass to `pino({ serializers })` and to `pinoHttp({ serializers })`. */
export const logSerializers: Record<'err' | 'error' | 'req', (value: unknown) => Bag> = {
  err: (error: unknown) => errorSummary(error),
  error: (error: unknown) => errorSummary(error),
  req: requestSummary,
};
