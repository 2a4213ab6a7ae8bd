/**
 * Property-based fuzzing of the public HTTP API, on every route of the OpenAPI document, signed in as the caller
 * the route is for. Each case starts from a request that would succeed and breaks one thing about it: a value
 * somewhere in the body (wrong JSON type, a number past 2^53, negative or fractional money, '1e3' as a string,
 * a huge string, NUL, lone surrogates, control and direction characters), a field left out or added, the JSON
 * text itself, the content type, the Idempotency-Key, a path parameter, the query string (repeated keys,
 * arrays, odd names), or a header. Every answer must be under 500, every 4xx must be `{error:{code, message}}`,
 * and a refused request must change nothing: every table's rows (sign-in throttles aside) are the same before
 * and after, and the ledger's invariants hold after every case. Then replays: the same key with another
 * request is refused and changes nothing, and the first request again gets its first answer.
 *
 * Seeds are fixed (FUZZ_SEED=<n> to try another); the seed and the failing case are in the failure's message.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { createApi } from '../../api/app.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { cny, dialects, newCode, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';
import { buildWorld, type World, type Who } from '../support/world.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const REPLAY_RUNS = Number(process.env.FUZZ_REPLAY_RUNS ?? 2);

/** Tables a refused request may change on purpose: failed sign-ins and PIN tries are counted (auth/throttle.ts). */
const MAY_CHANGE_ON_REFUSAL = new Set(['throttles']);
const TABLES = [
  'merchants',
  'cashiers',
  'customers',
  'sessions',
  'throttles',
  'accounts',
  'transfers',
  'idempotency_keys',
  'campaigns',
  'campaign_merchants',
  'coupons',
  'paycodes',
  'payments',
  'refunds',
  'cash_settlements',
  'not_paid_declines',
  'not_paid_taken_back',
  'counter_topups',
  'counter_topup_reversals',
  'event_tickets',
  'claim_links',
  'coupon_shares',
  'z_reports',
  'tablet_unsent',
] as const;

type Fingerprint = Record<string, string>;

/** Each route's documented request body (the schema the OpenAPI document shows): a body it refuses must be refused. */
const documentedBodies = new Map<string, ZodType>();
for (const definition of createApi().openAPIRegistry.definitions) {
  if (definition.type !== 'route') continue;
  const schema = (definition.route.request?.body?.content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
  if (schema) documentedBodies.set(`${definition.route.method.toUpperCase()} /api${definition.route.path}`, schema as ZodType);
}

/** Every table's rows, hashed: a refused request must leave each of them as it was. One round trip on PostgreSQL. */
async function fingerprint(api: TestApi): Promise<Fingerprint> {
  const db = api.deps.db.kysely;
  const out: Fingerprint = {};
  if (api.dialect === 'postgres') {
    const columns = TABLES.map((t) => `(select count(*) || ':' || coalesce(md5(string_agg(r::text, E'\\n' order by r::text)), '') from ${t} r) as ${t}`);
    const { rows } = await sql.raw<Fingerprint>(`select ${columns.join(', ')}`).execute(db);
    return rows[0]!;
  }
  for (const table of TABLES) {
    const rows = await db.selectFrom(table as any).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(Object.values(r))).sort();
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

function changedTables(before: Fingerprint, after: Fingerprint, allowed: ReadonlySet<string> = MAY_CHANGE_ON_REFUSAL): string[] {
  return TABLES.filter((t) => !allowed.has(t) && before[t] !== after[t]).map((t) => `${t} ${before[t]} -> ${after[t]}`);
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}
interface Answer {
  status: number;
  type: string;
  text: string;
  json: any;
}

/** Sends through the app itself (no harness tidying); an event stream is read to its first chunk, then cancelled. */
async function send(w: World, r: Sent): Promise<Answer> {
  const res = await w.app.request(r.url, { method: r.method, headers: r.headers, body: r.body as BodyInit | undefined });
  const type = res.headers.get('content-type') ?? '';
  let text: string;
  if (type.startsWith('text/event-stream') && res.body) {
    const reader = res.body.getReader();
    const first = await reader.read();
    await reader.cancel();
    text = new TextDecoder().decode(first.value);
  } else {
    text = await res.text();
  }
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, type, text, json };
}

/** A request that would succeed: path parameters, query, body, and whether it takes an Idempotency-Key. */
interface Valid {
  params: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  keyed: boolean;
  token: string | undefined;
}

interface Template {
  /** `METHOD /api/path/{param}` as the OpenAPI document names it. */
  route: string;
  make(): Promise<Valid>;
  /** Told each answer (a signed-out session is not used again). */
  answered?(status: number): void;
}

const fill = (route: string, params: Record<string, string>) =>
  route
    .split(' ')[1]!
    .replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);

// ---------------------------------------------------------------------------------------------------------------
// Bad values
// ---------------------------------------------------------------------------------------------------------------

const LONG = 'x'.repeat(10_000);
const BAD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e1234',
  '\u200b',
  '😀'.repeat(40),
  '\t\n\r',
  '\u0007bell',
  'ＣＮＹ',
  '1e3',
  '100',
  '-1',
  '0x10',
  'NaN',
  'Infinity',
  'null',
  'true',
  '2026-02-30T00:00:00Z',
  '2026-12-02T10:00:00+25:00',
  '9999-12-31T23:59:59.999999999999999Z',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  LONG,
  'y'.repeat(200_000),
];
const BAD_NUMBERS = [0, -0, -1, 0.5, 1.5, 0.1, -100, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e308, Number.MAX_VALUE, 100_000_001, 4_294_967_296, 1e-7];
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...BAD_STRINGS) },
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...BAD_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { amount: 1, currency: 'CNY' }, [{}], { __proto__: null }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
/** Number texts JSON.stringify never writes, put in place of a value in the JSON text. */
const RAW_NUMBERS = ['1e309', '-1e309', '1E3', '9007199254740993', '-9007199254740993', '123456789012345678901234567890', '1.0', '-0.0', '5e-324', '0.000000000000000000001'];
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'deduction', 'charged', 'status', 'id', '', ' ', '\u0000', LONG.slice(0, 500)];

type Path = (string | number)[];
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as any;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step];
  at[path[path.length - 1]!] = value;
  return copy;
}
function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root) as any;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step];
  if (Array.isArray(at)) at.splice(Number(path[path.length - 1]), 1);
  else delete at[path[path.length - 1]!];
  return copy;
}

type BodyMutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'rawNumber'; pick: number; text: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: unknown }
  | { kind: 'duplicate'; pick: number; value: unknown }
  | { kind: 'wrap'; pick: number };

const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: badValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rawNumber' as const), pick: fc.nat(), text: fc.constantFrom(...RAW_NUMBERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), pick: fc.nat(), key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })), value: badValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), value: badValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), pick: fc.nat() }) },
);

const MARK = '"__fuzz_raw__"';
/** The valid body with one thing broken, as the JSON text to send. */
function mutateBody(body: unknown, m: BodyMutation): string {
  const base = body ?? {};
  const paths = pathsOf(base);
  const path = paths[m.pick % paths.length]!;
  const objects = paths.filter((p) => {
    let v: any = base;
    for (const s of p) v = v[s];
    return v && typeof v === 'object' && !Array.isArray(v);
  });
  const objectPath = objects.length ? objects[m.pick % objects.length]! : [];
  switch (m.kind) {
    case 'replace':
      return JSON.stringify(setAt(base, path, m.value)) ?? 'undefined';
    case 'rawNumber':
      return JSON.stringify(setAt(base, path, '__fuzz_raw__')).replace(MARK, m.text);
    case 'delete':
      return JSON.stringify(deleteAt(base, path)) ?? '';
    case 'extra': {
      // Written into the text, so __proto__ arrives as an own key, as a client would send it.
      const inner = JSON.stringify(setAt(base, objectPath, '__fuzz_raw__'));
      let v: any = base;
      for (const s of objectPath) v = v[s];
      const text = JSON.stringify(v);
      const withExtra = text === '{}' ? `{${JSON.stringify(m.key)}:${JSON.stringify(m.value) ?? 'null'}}` : `${text.slice(0, -1)},${JSON.stringify(m.key)}:${JSON.stringify(m.value) ?? 'null'}}`;
      return inner.replace(MARK, withExtra);
    }
    case 'duplicate': {
      // A key given twice: the second wins in JSON.parse; the first may be the one a careless check looked at.
      let v: any = base;
      for (const s of objectPath) v = v[s];
      const keys = Object.keys(v ?? {});
      if (!keys.length) return JSON.stringify(base);
      const key = keys[m.pick % keys.length]!;
      const inner = JSON.stringify(setAt(base, objectPath, '__fuzz_raw__'));
      const text = JSON.stringify(v);
      return inner.replace(MARK, `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(m.value) ?? 'null'}}`);
    }
    case 'wrap': {
      let v: any = base;
      for (const s of path) v = v[s];
      return JSON.stringify(setAt(base, path, [v]));
    }
  }
}

const RAW_BODIES: (string | ((valid: string) => string | Uint8Array))[] = [
  '',
  '{',
  '}',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '123',
  'true',
  "{'a':1}",
  '{"a":1,}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '\u0000',
  '[' .repeat(100_000),
  '{"a":'.repeat(40_000),
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  (v) => `\ufeff${v}`,
  (v) => `${v}garbage`,
  (v) => `${v}${v}`,
  (v) => `${v}\u0000`,
  (v) => v.slice(0, Math.max(1, v.length - 1)),
  (v) => Buffer.from(v, 'utf16le'),
  (v) => new Uint8Array([0xff, 0xfe, 0xfd, ...Buffer.from(v)]),
  (v) => new Uint8Array([...Buffer.from(v.slice(0, -1)), 0xc3, 0x28, 0x7d]),
  (v) => `/*c*/${v}`,
  (v) => ` \n\t${v} \n`,
];

const CONTENT_TYPES = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json-patch+json',
  'application/jsonx',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;',
  'application/json, text/plain',
  ' application/json',
  'text/json',
  'application/xml',
  '',
  'application/json; ' + 'a'.repeat(5_000),
];

const BAD_KEYS: (string | undefined)[] = [
  undefined,
  '',
  ' ',
  'a'.repeat(101),
  'k'.repeat(8_000),
  'has space',
  'comma,separated',
  'slash/../x',
  'semi;colon',
  'quote"d',
  'tab\there',
  'clé',
  '%00',
  'null',
  '*',
];

const BAD_PARAMS = [
  ' ',
  '%20',
  'a'.repeat(65),
  'a'.repeat(3_000),
  '%00',
  'a%00b',
  '%2F',
  '..',
  '%2e%2e',
  '%',
  '%E0%A4%A',
  '%FF',
  '%F0%9F%98%80',
  '%ED%A0%80',
  'null',
  'undefined',
  '0',
  '-1',
  '1e3',
  '2.5',
  '0x10',
  'Infinity',
  'NaN',
  '9'.repeat(30),
  '__proto__',
  'constructor',
  "%27%3B%20drop%20table%20payments%3B%20--",
  '*',
  'pay_',
];

const BAD_QUERIES = [
  'limit=1&limit=2',
  'limit[]=1',
  'limit=1e3',
  'limit=99999999999999999999999',
  'limit=-1',
  'limit=0.5',
  'limit=',
  'limit=%00',
  'limit=0x10',
  'limit=Infinity',
  'before=',
  'before=%E0%A4%A',
  `before=${'a'.repeat(5_000)}`,
  'before=%00',
  'before[]=x&before[]=y',
  'date=2026-02-30',
  'date=9999-99-99',
  'date=0000-01-01',
  'date=2026-1-1',
  'date=2026-12-02&date=2026-12-03',
  'date=%2B275760-09-13',
  'from=2026-12-03&to=2026-12-01',
  'from=1970-01-01&to=9999-12-31',
  'from=&to=',
  'format=csv&format=json',
  'format=xml',
  'format=CSV',
  'lang=xx',
  'lang=zh&lang=en',
  'lang=__proto__',
  'foo=bar',
  '=',
  '&&&',
  '%',
  '%zz=1',
  'ticket=' + 'x'.repeat(200),
  'ticket=short',
  'ticket=%00%00%00%00%00%00%00%00%00%00%00',
  'code=123',
  'code=' + '1'.repeat(18) + '&code=' + '2'.repeat(18),
  '__proto__=1',
  '__proto__[x]=1',
  'constructor=1',
  'toString=1',
  'hasOwnProperty=1',
  'number=2',
  'a'.repeat(5_000) + '=1',
];

type HeaderAbuse = (token: string | undefined) => Record<string, string>;
const HEADER_ABUSE: HeaderAbuse[] = [
  () => ({ authorization: 'Bearer' }),
  () => ({ authorization: 'Bearer ' }),
  (t) => ({ authorization: `Bearer  ${t}` }),
  (t) => ({ authorization: `Basic ${t}` }),
  (t) => ({ authorization: `${t}` }),
  (t) => ({ authorization: `Bearer ${t} ${t}` }),
  (t) => ({ authorization: `Bearer ${t}, Bearer other` }),
  () => ({ authorization: `Bearer ${'a'.repeat(10_000)}` }),
  () => ({ authorization: 'Bearer clé' }),
  () => ({ authorization: 'Bearer %00' }),
  (t) => ({ authorization: `Bearer ${t}x` }),
  (t) => ({ authorization: `Bearer ${t?.slice(0, -1)}` }),
  () => ({ 'x-forwarded-for': 'garbage, , 999.1.1.1, ::ffff:1.2.3.4' }),
  () => ({ 'x-forwarded-for': '1.1.1.1,'.repeat(2_000) }),
  () => ({ 'x-forwarded-proto': 'gopher' }),
  () => ({ accept: 'text/csv' }),
  () => ({ accept: 'application/xml;q=abc, */*;q=-1' }),
  () => ({ 'accept-language': 'zh-CN,'.repeat(1_000) }),
  () => ({ 'content-length': '-1' }),
  () => ({ 'content-length': 'abc' }),
  () => ({ 'content-length': '99999999999999999999' }),
  () => ({ 'content-length': '0' }),
  () => ({ 'transfer-encoding': 'chunked' }),
  () => ({ 'content-encoding': 'gzip' }),
  () => ({ origin: 'null' }),
  () => ({ 'x-http-method-override': 'DELETE' }),
  () => ({ cookie: 'session=abc; token=def' }),
  () => ({ 'idempotency-key': 'dup-1, dup-2' }),
];

type Mutation =
  | { kind: 'body'; m: BodyMutation }
  | { kind: 'raw'; pick: number }
  | { kind: 'type'; pick: number }
  | { kind: 'key'; pick: number }
  | { kind: 'param'; pick: number; value: number; generated: string }
  | { kind: 'query'; pick: number; extra: [string, string][] }
  | { kind: 'header'; pick: number }
  | { kind: 'combo'; body: BodyMutation; key: number; query: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('body' as const), m: bodyMutation }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('type' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('key' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('param' as const),
      pick: fc.nat(),
      value: fc.nat(),
      generated: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encode),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      pick: fc.nat(),
      extra: fc.array(fc.tuple(fc.constantFrom('limit', 'before', 'date', 'from', 'to', 'format', 'lang', 'ticket', 'code', 'x'), fc.oneof(fc.constantFrom(...BAD_STRINGS.slice(0, -1)), fc.string({ unit: 'binary', maxLength: 12 }))), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('header' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('combo' as const), body: bodyMutation, key: fc.nat(), query: fc.nat() }) },
);

/** encodeURIComponent, but a lone surrogate is written as the three bytes it would take (invalid UTF-8, as a careless client sends it). */
function encode(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (u) => {
    const c = u.charCodeAt(0);
    return `\u0000${[0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}\u0000`;
  }).split('\u0000').map((part, i) => (i % 2 ? part : encodeURIComponent(part))).join('');
}

const isStateChanging = (method: string) => method !== 'GET';

/** The request a template and a mutation make. */
function build(t: Template, v: Valid, m: Mutation): Sent {
  const [method] = t.route.split(' ') as [string];
  const params = { ...v.params };
  let query = new URLSearchParams(v.query).toString();
  const headers: Record<string, string> = {};
  if (v.token) headers.authorization = `Bearer ${v.token}`;
  if (v.keyed) headers['idempotency-key'] = newKey();
  const hasBody = v.body !== undefined;
  const validText = hasBody ? JSON.stringify(v.body) : undefined;
  let body: string | Uint8Array | undefined = validText;
  if (hasBody) headers['content-type'] = 'application/json';
  const mutateQuery = (pick: number, extra: [string, string][] = []) => {
    const bad = BAD_QUERIES[pick % BAD_QUERIES.length]!;
    const more = extra.map(([k, val]) => `${encode(k)}=${encode(val)}`).join('&');
    query = [query, bad, more].filter(Boolean).join('&');
  };
  // A GET takes no body: what would break its body breaks its query string instead.
  if (!isStateChanging(method) && (m.kind === 'body' || m.kind === 'raw' || m.kind === 'type' || m.kind === 'key' || m.kind === 'combo')) {
    const pick = m.kind === 'body' ? m.m.pick : m.kind === 'combo' ? m.query : m.pick;
    m = { kind: 'query', pick, extra: m.kind === 'body' && typeof m.m === 'object' && 'value' in m.m && typeof m.m.value === 'string' ? [['x', m.m.value]] : [] };
  }
  switch (m.kind) {
    case 'body':
      body = mutateBody(v.body, m.m);
      headers['content-type'] = 'application/json';
      break;
    case 'raw': {
      const raw = RAW_BODIES[m.pick % RAW_BODIES.length]!;
      body = typeof raw === 'string' ? raw : raw(validText ?? '{}');
      headers['content-type'] = 'application/json';
      break;
    }
    case 'type': {
      const type = CONTENT_TYPES[m.pick % CONTENT_TYPES.length];
      if (type === undefined) delete headers['content-type'];
      else headers['content-type'] = type;
      body ??= '{}';
      break;
    }
    case 'key': {
      const key = BAD_KEYS[m.pick % BAD_KEYS.length];
      if (key === undefined) delete headers['idempotency-key'];
      else headers['idempotency-key'] = key;
      break;
    }
    case 'param': {
      const names = Object.keys(params);
      if (names.length === 0) mutateQuery(m.pick);
      else {
        const name = names[m.pick % names.length]!;
        const choices = [...BAD_PARAMS, m.generated];
        params[name] = choices[m.value % choices.length]!;
      }
      break;
    }
    case 'query':
      mutateQuery(m.pick, m.extra);
      break;
    case 'header':
      Object.assign(headers, HEADER_ABUSE[m.pick % HEADER_ABUSE.length]!(v.token));
      break;
    case 'combo': {
      body = mutateBody(v.body, m.body);
      headers['content-type'] = 'application/json';
      const key = BAD_KEYS[m.key % BAD_KEYS.length];
      if (key === undefined) delete headers['idempotency-key'];
      else headers['idempotency-key'] = key;
      mutateQuery(m.query);
      break;
    }
  }
  if (!isStateChanging(method)) body = undefined;
  const url = fill(t.route, params) + (query ? `?${query}` : '');
  return { method, url, headers, body };
}

function describeSent(r: Sent): string {
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : `<bytes ${Buffer.from(r.body).toString('hex').slice(0, 80)}>`;
  return `${r.method} ${r.url.slice(0, 300)} headers=${JSON.stringify(r.headers).slice(0, 400)} body=${JSON.stringify(body.slice(0, 400))}`;
}

describe.each(dialects)('fuzzed input on %s', (dialect) => {
  let api: TestApi;
  let w: World;
  const templates: Template[] = [];
  /** Cases and their answers, for the run's summary. */
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    api = await startTestApi(dialect);
    w = await buildWorld(api);
    const t = w.tokens;
    const cafe = t.cashier!;
    const manager = t.manager!;
    const alice = t.customer!;
    const bob = t.otherCustomer!;

    // A payment of alice's big enough for many 1-fen refunds, and a declined one (more than carol holds) to note as paid in cash.
    await api.request('POST', '/api/wallet/topups', { token: alice, key: newKey(), body: { amount: cny(100_000) } });
    const paid = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, alice), amount: cny(50_000) } });
    expect(paid.status).toBe(201);
    const carol = await api.signIn('customer', 'carol', '3333');
    const declined = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, carol), amount: cny(99_000_000) } });
    // Another, for "not paid": one noted as paid in cash is refused as not paid, whatever the case.
    const unpaid = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, carol), amount: cny(99_000_000) } });
    expect(declined.status).toBe(402);
    // A customer of the fuzz's own for the PIN route, whose PIN stays 2580 (a valid change sets it to itself).
    const pinUser = await api.request('POST', '/api/customers', { body: { handle: 'fuzz-pin', pin: '2580' } });
    expect(pinUser.status).toBe(201);
    const pinToken = await api.signIn('customer', 'fuzz-pin', '2580');
    const coupon = await w.aliceCoupon();
    const share = await w.aliceShare();
    const link = (await api.request('GET', `/api/campaigns/${w.ids.linkCampaign}/claim-links/current`, { token: manager })).body.link.token as string;
    const today = new Date(api.clock.now()).toISOString().slice(0, 10);
    const until = new Date(api.clock.now() + 30 * 86_400_000).toISOString();
    const ticket = async (token: string) => (await api.request('POST', '/api/events/ticket', { token })).body.ticket as string;
    let signOutToken: string | undefined;
    let unsentSequence = 0;

    const T = (route: string, make: () => Promise<Partial<Valid>> | Partial<Valid>, who: Who | 'pin' = 'manager', answered?: Template['answered']): Template => ({
      route,
      answered,
      async make() {
        const made = await make();
        return { params: {}, query: {}, keyed: false, token: who === 'pin' ? pinToken : t[who], ...made };
      },
    });
    templates.push(
      T('POST /api/sessions', () => ({ body: { role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '1234' } }), 'none'),
      // A session of alice's own for signing out, made again once one was signed out (a sign-in is slow: scrypt).
      T('DELETE /api/sessions/current', async () => ({ token: (signOutToken ??= await w.freshToken('customer')) }), 'customer', (status) => {
        if (status === 204) signOutToken = undefined;
      }),
      T('GET /api/me', () => ({}), 'customer'),
      T('GET /api/sign-in-help', () => ({}), 'none'),
      T('POST /api/customers', () => ({ body: { handle: `fz-${newKey().toLowerCase().replace(/[^a-z0-9-]/g, '').slice(-30)}`, pin: '1357' } }), 'none'),
      T('POST /api/customers/me/pin', () => ({ keyed: true, body: { currentPin: '2580', newPin: '2580' } }), 'pin'),
      T('GET /api/wallet', () => ({}), 'customer'),
      T('GET /api/wallet/topups', () => ({ query: { limit: '5' } }), 'customer'),
      T('POST /api/wallet/topups', () => ({ keyed: true, body: { amount: cny(100) } }), 'customer'),
      T('GET /api/coupons', () => ({ query: { limit: '5' } }), 'customer'),
      T('POST /api/paycodes', () => ({ body: { couponId: coupon } }), 'customer'),
      T('DELETE /api/paycodes/current', () => ({}), 'otherCustomer'),
      T('POST /api/payments', async () => ({ keyed: true, body: { code: await newCode(api, bob), amount: cny(1), terminalId: 'fuzz-till', sequence: 1, scannedAt: new Date(api.clock.now()).toISOString() } }), 'cashier'),
      T(
        'POST /api/payments/batch',
        async () => ({ body: { terminalId: 'fuzz-till', items: [{ idempotencyKey: newKey(), sequence: 1, code: await newCode(api, bob), amount: cny(1), scannedAt: new Date(api.clock.now()).toISOString() }] } }),
        'cashier',
      ),
      T('POST /api/topups/preview', async () => ({ body: { code: await newCode(api, bob), amount: cny(1) } }), 'cashier'),
      T('POST /api/topups', async () => ({ keyed: true, body: { code: await newCode(api, bob), amount: cny(1), scannedAt: new Date(api.clock.now()).toISOString() } }), 'cashier'),
      T('GET /api/topups', () => ({ query: { limit: '5' } }), 'cashier'),
      // A fresh top-up for each case: one reversed answers ALREADY_REVERSED, whatever the case broke.
      T('POST /api/topups/{id}/reversal', async () => {
        const made = await api.request('POST', '/api/topups', { token: cafe, key: newKey(), body: { code: await newCode(api, bob), amount: cny(1) } });
        expect(made.status).toBe(201);
        return { keyed: true, params: { id: made.body.topUp.id }, body: {} };
      }),
      T('GET /api/payments', () => ({ query: { limit: '5', date: today } }), 'cashier'),
      T('GET /api/payments/{id}', () => ({ params: { id: paid.body.payment.id } }), 'cashier'),
      T('POST /api/payments/{id}/refunds', () => ({ keyed: true, params: { id: paid.body.payment.id }, body: { amount: cny(1) } }), 'cashier'),
      T('GET /api/wallet/refunds', () => ({ query: { limit: '5' } }), 'customer'),
      T('POST /api/payments/{id}/paid-in-cash', () => ({ keyed: true, params: { id: declined.body.payment.id }, body: { note: 'Took it in cash' } }), 'cashier'),
      T('POST /api/payments/{id}/not-paid', () => ({ keyed: true, params: { id: unpaid.body.payment.id }, body: { note: 'Left without paying' } }), 'cashier'),
      // A fresh declined sale noted as not paid for each case: one taken back answers 404, whatever the case broke.
      T('DELETE /api/payments/{id}/not-paid', async () => {
        const made = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, carol), amount: cny(99_000_000) } });
        expect(made.status).toBe(402);
        const noted = await api.request('POST', `/api/payments/${made.body.payment.id}/not-paid`, { token: cafe, key: newKey(), body: {} });
        expect(noted.status).toBe(201);
        return { keyed: true, params: { id: made.body.payment.id } };
      }),
      T('POST /api/campaigns', () => ({ keyed: true, body: { title: 'Fuzz campaign', rule: { kind: 'percent', percent: 5, cap: 100 }, validUntil: until, stock: 10, perCustomerLimit: 2, budget: cny(1_000), minimumSpend: cny(10) } })),
      T('GET /api/campaigns', () => ({ query: { limit: '5' } })),
      T('PATCH /api/campaigns/{id}', () => ({ keyed: true, params: { id: w.ids.linkCampaign }, body: { validUntil: new Date(api.clock.now() + 60 * 86_400_000).toISOString() } })),
      T('POST /api/campaigns/{id}/end', () => ({ keyed: true, params: { id: w.ids.endingCampaign }, body: {} })),
      T('POST /api/campaigns/{id}/grants', () => ({ keyed: true, params: { id: w.ids.campaign }, body: { customer: 'bob' } })),
      T('POST /api/campaigns/{id}/claim-links', () => ({ keyed: true, params: { id: w.ids.linkCampaign }, body: {} })),
      T('GET /api/campaigns/{id}/claim-links/current', () => ({ params: { id: w.ids.linkCampaign } })),
      T('POST /api/campaigns/{id}/claim-links/{token}/replacement', () => ({ keyed: true, params: { id: w.ids.linkCampaign, token: link }, body: {} })),
      T('GET /api/campaigns/{id}/stats', () => ({ params: { id: w.ids.campaign } })),
      T('GET /api/claims/{token}', () => ({ params: { token: w.ids.claimLink } }), 'none'),
      T('POST /api/claims/{token}', () => ({ keyed: true, params: { token: w.ids.claimLink }, body: {} }), 'customer'),
      T('POST /api/coupons/{id}/shares', () => ({ params: { id: coupon }, body: {} }), 'customer'),
      T('GET /api/shares/{token}', () => ({ params: { token: share } }), 'none'),
      T('POST /api/shares/{token}/claim', () => ({ params: { token: share }, body: {} }), 'otherCustomer'),
      T('DELETE /api/shares/{token}', () => ({ params: { token: share } }), 'customer'),
      T('POST /api/events/ticket', () => ({}), 'cashier'),
      T('GET /api/events', async () => ({ token: undefined, query: { ticket: await ticket(cafe) } }), 'none'),
      T('GET /api/reports/daily', () => ({ query: { date: today, format: 'json', lang: 'en' } }), 'cashier'),
      T('GET /api/reports/period', () => ({ query: { from: today, to: today, format: 'json', lang: 'en' } }), 'cashier'),
      T('GET /api/reports/x', () => ({ query: { format: 'csv', lang: 'zh' } }), 'cashier'),
      T('POST /api/reports/z', () => ({ keyed: true, body: { queuedOffline: { count: 0, amount: cny(0) } } })),
      T('GET /api/reports/z', () => ({ query: { limit: '5' } }), 'cashier'),
      T('GET /api/reports/z/{number}', () => ({ params: { number: String(w.ids.cafeZ) }, query: { format: 'json' } }), 'cashier'),
      T('GET /api/reports/platform', () => ({ query: { from: today, to: today } })),
      // A new number for each case: a broken one is refused whatever it says, a valid one is kept.
      T('PUT /api/tablets/{terminalId}/unsent', () => ({ params: { terminalId: 'fuzz-till' }, body: { sequence: ++unsentSequence, count: 2, amount: cny(300), oldestQueuedAt: new Date(api.clock.now()).toISOString() } }), 'cashier'),
      T('GET /api/tablets/unsent', () => ({})),
      // Forgetting one forgotten already changes nothing, so the one tablet serves every case.
      T('DELETE /api/tablets/{terminalId}/unsent', () => ({ keyed: true, params: { terminalId: 'fuzz-till' } })),
      T('GET /api/staff', () => ({})),
      T('POST /api/staff', () => ({ keyed: true, body: { handle: `fz-${newKey().toLowerCase().replace(/[^a-z0-9]/g, '').slice(-20)}`, pin: '2468', canManage: false } })),
      T('POST /api/staff/{id}/pin', () => ({ keyed: true, params: { id: w.ids.staffMember }, body: { pin: '1357' } })),
      T('POST /api/staff/{id}/sign-out', () => ({ keyed: true, params: { id: w.ids.staffMember }, body: {} })),
      T('POST /api/staff/{id}/removal', () => ({ keyed: true, params: { id: w.ids.staffMember }, body: {} })),
      T('PUT /api/staff/{id}/manager', () => ({ keyed: true, params: { id: w.ids.staffMember }, body: { canManage: false } })),
      T('GET /api/shop', () => ({}), 'cashier'),
      T('PATCH /api/shop', () => ({ keyed: true, body: { name: 'Demo Café', offlineLimits: { countMax: 50 } } })),
      T('GET /api/health', () => ({}), 'none'),
      T('GET /api/openapi.json', () => ({}), 'none'),
    );
  }, 60_000);
  useInvariantCheck(() => api);

  it('has a fuzz template for every route of the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const covered = templates.map((t) => t.route);
    expect(documented.filter((r) => !covered.includes(r))).toEqual([]);
    expect(covered.filter((r) => !documented.includes(r)).sort()).toEqual(['GET /api/health', 'GET /api/openapi.json']);
  });

  /** Sends one broken request and holds its answer and the database to the standards. */
  async function check(t: Template, m: Mutation) {
    const sent = build(t, await t.make(), m);
    // What making the valid request did (a code issued, a ticket) is not the broken request's doing.
    const before = await fingerprint(api);
    const res = await send(w, sent);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    t.answered?.(res.status);
    const what = `${t.route} ${JSON.stringify(m).slice(0, 200)}: ${describeSent(sent)} -> ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, what).toBeLessThan(500);
    // A body the route's documented schema refuses (an unknown field, a wrong type, a value out of range) is
    // refused, whatever else the request has right.
    const schema = documentedBodies.get(t.route);
    if (schema && typeof sent.body === 'string' && sent.headers['content-type'] === 'application/json') {
      let parsed: unknown;
      let parses = true;
      try {
        parsed = JSON.parse(sent.body);
      } catch {
        parses = false;
      }
      if (parses && !schema.safeParse(parsed).success) expect(res.status, `the documented schema refuses the body: ${what}`).toBeGreaterThanOrEqual(400);
    }
    if (res.status >= 400) {
      expect(res.type, what).toMatch(/^application\/json/);
      expect(typeof res.json?.error?.code, what).toBe('string');
      expect(res.json.error.code, what).toMatch(/^[A-Z][A-Z_]*$/);
      expect(typeof res.json.error.message, what).toBe('string');
      expect(res.json.error.message.length, what).toBeGreaterThan(0);
    }
    // A refused request changes nothing; nor does a read, answered or refused (but the event stream, which uses
    // its ticket up). A 402 is a decline: recorded (the payment, the code used up, its coupon let go), nothing moved.
    const readOnly = sent.method === 'GET' && t.route !== 'GET /api/events';
    if (res.status >= 400 || readOnly) {
      const allowed = res.status === 402 && t.route === 'POST /api/payments' ? new Set([...MAY_CHANGE_ON_REFUSAL, 'payments', 'paycodes', 'coupons']) : MAY_CHANGE_ON_REFUSAL;
      expect(changedTables(before, await fingerprint(api), allowed), what).toEqual([]);
      // Nothing changed, so the ledger is as sound as before: its invariants need no new check.
      if (allowed === MAY_CHANGE_ON_REFUSAL) return;
    }
    const report = await checkInvariants(api.deps.db.kysely);
    expect(report.violations, what).toEqual([]);
  }

  it(
    'every route, each catalogued bad query, path parameter, JSON text, content type, Idempotency-Key and header: never a 5xx, a 4xx in the error format, nothing changed',
    async () => {
      const started = Date.now();
      let cases = 0;
      for (const [i, t] of templates.entries()) {
        const [method] = t.route.split(' ') as [string];
        const v = await t.make();
        const sweep: Mutation[] = [];
        // Every bad query on the routes that read one; a sample on the rest (they ignore or refuse it alike).
        const readsQuery = Object.keys(v.query).length > 0;
        if (method === 'GET') BAD_QUERIES.forEach((_, pick) => (readsQuery || (pick + i) % 6 === 0) && sweep.push({ kind: 'query', pick, extra: [] }));
        else sweep.push({ kind: 'query', pick: i, extra: [] });
        // Half of the catalogue on each route, the other half on the next: every entry on many routes, in time.
        const half = (n: number) => (n + i) % 2 === 0;
        for (const [p] of Object.keys(v.params).entries()) BAD_PARAMS.forEach((_, value) => half(value + p) && sweep.push({ kind: 'param', pick: p, value, generated: '%C0%AF' }));
        if (method !== 'GET') {
          RAW_BODIES.forEach((_, pick) => half(pick) && sweep.push({ kind: 'raw', pick }));
          CONTENT_TYPES.forEach((_, pick) => half(pick) && sweep.push({ kind: 'type', pick }));
          // Each value of the body replaced by a bad one (another on each route), left out, and given as a raw number.
          const paths = pathsOf(v.body ?? {});
          paths.forEach((_, pick) => {
            sweep.push({ kind: 'body', m: { kind: 'replace', pick, value: [...BAD_STRINGS, ...BAD_NUMBERS][(pick * 7 + i) % (BAD_STRINGS.length + BAD_NUMBERS.length)] } });
            sweep.push({ kind: 'body', m: { kind: 'delete', pick } }, { kind: 'body', m: { kind: 'rawNumber', pick, text: RAW_NUMBERS[(pick + i) % RAW_NUMBERS.length]! } });
          });
          sweep.push({ kind: 'body', m: { kind: 'extra', pick: 0, key: EXTRA_KEYS[i % EXTRA_KEYS.length]!, value: 1 } });
        }
        if (v.keyed) BAD_KEYS.forEach((_, pick) => sweep.push({ kind: 'key', pick }));
        HEADER_ABUSE.forEach((_, pick) => (pick + i) % 4 === 0 && sweep.push({ kind: 'header', pick }));
        const t0 = Date.now();
        for (const m of sweep) {
          cases++;
          await check(t, m);
        }
        if (process.env.FUZZ_PROFILE) console.log(`${t.route}: ${sweep.length} cases ${Date.now() - t0} ms`);
      }
      console.log(`catalogue sweep on ${dialect}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    180_000,
  );

  it(
    'random bad input on random routes (fast-check): never a 5xx, every 4xx in the error format, and a refused request changes nothing',
    async () => {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: templates.length - 1 }), mutation, async (which, m) => check(templates[which]!, m)),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      console.log(`input fuzz on ${dialect}: ${RUNS} cases (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    },
    180_000,
  );

  it(
    'replays: the same key with another request is refused and changes nothing; the first request again gets its first answer',
    async () => {
      const started = Date.now();
      const t = w.tokens;
      const manager = t.manager!;
      const cafe = t.cashier!;
      const alice = t.customer!;
      const bob = t.otherCustomer!;
      const now = () => api.clock.now();
      const iso = (days: number) => new Date(now() + days * 86_400_000).toISOString();
      const ok = (res: { status: number; body: any }, what: string) => {
        if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const campaign = async (extra: Record<string, unknown> = {}) =>
        ok(await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title: 'Replay campaign', rule: { kind: 'fixed', off: 10 }, validUntil: iso(30), perCustomerLimit: 1000, ...extra } }), 'campaign')
          .campaign.id as string;
      const linkOf = async (id: string) => ok(await api.request('POST', `/api/campaigns/${id}/claim-links`, { token: manager, key: newKey(), body: {} }), 'link').link.token as string;
      const staffMember = async () => w.newStaffMember();
      const bigPayment = async () => {
        ok(await api.request('POST', '/api/wallet/topups', { token: alice, key: newKey(), body: { amount: cny(10_000) } }), 'top-up');
        return ok(await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, alice), amount: cny(5_000) } }), 'payment').payment.id as string;
      };
      const declinedPayment = async () => {
        const carol = await api.signIn('customer', 'carol', '3333');
        const res = await api.request('POST', '/api/payments', { token: cafe, key: newKey(), body: { code: await newCode(api, carol), amount: cny(99_000_000) } });
        if (res.status !== 402) throw new Error(`a declined payment: ${res.status}`);
        return res.body.payment.id as string;
      };
      // A customer of these cases' own, whose PIN they change (and know): not the input fuzz's, whose wrong PINs
      // may have been counted against it.
      let pin = '2580';
      ok(await api.request('POST', '/api/customers', { body: { handle: 'fuzz-replay-pin', pin } }), 'sign-up');
      const pinToken = await api.signIn('customer', 'fuzz-replay-pin', pin);

      interface Req {
        method: string;
        path: string;
        token: string;
        body: unknown;
      }
      interface Case {
        first: Req;
        second: Req;
        /** Another kind of request in the same key scope, valid on its own. */
        other: Req;
        after?(): void;
      }
      const M = (method: string, path: string, body: unknown, token = manager): Req => ({ method, path, token, body });
      const shopOther = M('PATCH', '/api/shop', { offlineLimits: { countMax: 50 } });
      const aliceOther = M('POST', '/api/wallet/topups', { amount: cny(1) }, alice);
      const two = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max })).filter(([a, b]) => a !== b);
      const pins = fc.tuple(fc.stringMatching(/^[0-9]{4,8}$/), fc.stringMatching(/^[0-9]{4,8}$/)).filter(([a, b]) => a !== b);
      const cases: Record<string, fc.Arbitrary<() => Promise<Case>>> = {
        'top-up amounts': two(100_000).map(([a, b]) => async () => ({
          first: M('POST', '/api/wallet/topups', { amount: cny(a) }, alice),
          second: M('POST', '/api/wallet/topups', { amount: cny(b) }, alice),
          other: M('POST', `/api/claims/${await linkOf(await campaign())}`, {}, alice),
        })),
        'payment amounts': two(500).map(([a, b]) => async () => {
          const code = await newCode(api, bob);
          return { first: M('POST', '/api/payments', { code, amount: cny(a) }, cafe), second: M('POST', '/api/payments', { code, amount: cny(b) }, cafe), other: shopOther };
        }),
        // A decline is an answer too: recorded under its key, replayed as it was, and its key taken.
        'a declined payment, then another amount': two(500).map(([a, b]) => async () => {
          // Unknown codes are throttled (20 a cashier in 5 minutes): each case starts a window of its own.
          api.clock.advance(5 * 60_000);
          const code = `9${String(Date.now()).slice(-9)}${String(a).padStart(8, '0')}`;
          return { first: M('POST', '/api/payments', { code, amount: cny(a) }, cafe), second: M('POST', '/api/payments', { code, amount: cny(b) }, cafe), other: shopOther };
        }),
        'payment codes': fc.integer({ min: 1, max: 500 }).map((a) => async () => {
          const [c1, c2] = [await newCode(api, bob), await newCode(api, alice)];
          return { first: M('POST', '/api/payments', { code: c1, amount: cny(a) }, cafe), second: M('POST', '/api/payments', { code: c2, amount: cny(a) }, cafe), other: shopOther };
        }),
        'refund amounts': two(100).map(([a, b]) => async () => {
          const id = await bigPayment();
          return { first: M('POST', `/api/payments/${id}/refunds`, { amount: cny(a) }, cafe), second: M('POST', `/api/payments/${id}/refunds`, { amount: cny(b) }, cafe), other: shopOther };
        }),
        'refunds of two payments': fc.integer({ min: 1, max: 100 }).map((a) => async () => {
          const [p1, p2] = [await bigPayment(), await bigPayment()];
          return { first: M('POST', `/api/payments/${p1}/refunds`, { amount: cny(a) }, cafe), second: M('POST', `/api/payments/${p2}/refunds`, { amount: cny(a) }, cafe), other: shopOther };
        }),
        'refund of all vs a part': fc.integer({ min: 1, max: 100 }).map((a) => async () => {
          const id = await bigPayment();
          return { first: M('POST', `/api/payments/${id}/refunds`, {}, cafe), second: M('POST', `/api/payments/${id}/refunds`, { amount: cny(a) }, cafe), other: shopOther };
        }),
        'paid-in-cash notes': fc.tuple(fc.constantFrom('Cash', 'Paid in cash', 'Took coins'), fc.constantFrom('Card', 'Cash!', 'Other note')).map(([a, b]) => async () => {
          const id = await declinedPayment();
          return { first: M('POST', `/api/payments/${id}/paid-in-cash`, { note: a }, cafe), second: M('POST', `/api/payments/${id}/paid-in-cash`, { note: b }, cafe), other: shopOther };
        }),
        'not-paid notes': fc.tuple(fc.constantFrom('', 'Left', 'Ran off'), fc.constantFrom('Gone', 'Walked out', 'Other note')).map(([a, b]) => async () => {
          const id = await declinedPayment();
          return { first: M('POST', `/api/payments/${id}/not-paid`, { note: a }, cafe), second: M('POST', `/api/payments/${id}/not-paid`, { note: b }, cafe), other: shopOther };
        }),
        'take-backs of two not-paid notes': fc.constant(async () => {
          const noted = async () => {
            const id = await declinedPayment();
            ok(await api.request('POST', `/api/payments/${id}/not-paid`, { token: cafe, key: newKey(), body: {} }), 'not paid');
            return id;
          };
          const [p1, p2] = [await noted(), await noted()];
          return { first: M('DELETE', `/api/payments/${p1}/not-paid`, undefined), second: M('DELETE', `/api/payments/${p2}/not-paid`, undefined), other: shopOther };
        }),
        'campaign titles': fc.tuple(fc.constantFrom('A', 'Spring sale'), fc.constantFrom('B', 'Autumn sale')).map(([a, b]) => async () => ({
          first: M('POST', '/api/campaigns', { title: a, rule: { kind: 'fixed', off: 10 }, validUntil: iso(30) }),
          second: M('POST', '/api/campaigns', { title: b, rule: { kind: 'fixed', off: 10 }, validUntil: iso(30) }),
          other: shopOther,
        })),
        'campaign changes': two(60).map(([a, b]) => async () => {
          const id = await campaign();
          return { first: M('PATCH', `/api/campaigns/${id}`, { validUntil: iso(30 + a) }), second: M('PATCH', `/api/campaigns/${id}`, { validUntil: iso(30 + b) }), other: shopOther };
        }),
        'ends of two campaigns': fc.constant(async () => ({
          first: M('POST', `/api/campaigns/${await campaign()}/end`, {}),
          second: M('POST', `/api/campaigns/${await campaign()}/end`, {}),
          other: shopOther,
        })),
        'grants to two customers': fc.constantFrom(['bob', 'carol'], ['carol', 'alice']).map(([a, b]) => async () => {
          const id = await campaign();
          return { first: M('POST', `/api/campaigns/${id}/grants`, { customer: a }), second: M('POST', `/api/campaigns/${id}/grants`, { customer: b }), other: shopOther };
        }),
        'claim links of two campaigns': fc.constant(async () => ({
          first: M('POST', `/api/campaigns/${await campaign()}/claim-links`, {}),
          second: M('POST', `/api/campaigns/${await campaign()}/claim-links`, {}),
          other: shopOther,
        })),
        'replacements of two links': fc.constant(async () => {
          const [c1, c2] = [await campaign(), await campaign()];
          const [l1, l2] = [await linkOf(c1), await linkOf(c2)];
          return { first: M('POST', `/api/campaigns/${c1}/claim-links/${l1}/replacement`, {}), second: M('POST', `/api/campaigns/${c2}/claim-links/${l2}/replacement`, {}), other: shopOther };
        }),
        'claims of two links': fc.constant(async () => ({
          first: M('POST', `/api/claims/${await linkOf(await campaign())}`, {}, alice),
          second: M('POST', `/api/claims/${await linkOf(await campaign())}`, {}, alice),
          other: aliceOther,
        })),
        'Z closes': fc.integer({ min: 1, max: 100 }).map((n) => async () => ({
          first: M('POST', '/api/reports/z', {}),
          second: M('POST', '/api/reports/z', { queuedOffline: { count: n, amount: cny(n * 10) } }),
          other: shopOther,
        })),
        'new cashiers with two PINs': pins.map(([a, b]) => async () => {
          const handle = `rp-${newKey().toLowerCase().replace(/[^a-z0-9]/g, '').slice(-20)}`;
          return { first: M('POST', '/api/staff', { handle, pin: a, canManage: false }), second: M('POST', '/api/staff', { handle, pin: b, canManage: false }), other: shopOther };
        }),
        'new cashiers with and without manage rights': fc.constant(async () => {
          const handle = `rp-${newKey().toLowerCase().replace(/[^a-z0-9]/g, '').slice(-20)}`;
          return { first: M('POST', '/api/staff', { handle, pin: '1357', canManage: false }), second: M('POST', '/api/staff', { handle, pin: '1357', canManage: true }), other: shopOther };
        }),
        "a cashier's PIN set to two PINs": pins.map(([a, b]) => async () => {
          const id = await staffMember();
          return { first: M('POST', `/api/staff/${id}/pin`, { pin: a }), second: M('POST', `/api/staff/${id}/pin`, { pin: b }), other: shopOther };
        }),
        'removals of two cashiers': fc.constant(async () => ({
          first: M('POST', `/api/staff/${await staffMember()}/removal`, {}),
          second: M('POST', `/api/staff/${await staffMember()}/removal`, {}),
          other: shopOther,
        })),
        "a cashier made a manager, then not": fc.constant(async () => {
          const id = await staffMember();
          return { first: M('PUT', `/api/staff/${id}/manager`, { canManage: true }), second: M('PUT', `/api/staff/${id}/manager`, { canManage: false }), other: shopOther };
        }),
        'shop changes': two(100).map(([a, b]) => async () => ({
          first: M('PATCH', '/api/shop', { offlineLimits: { countMax: a } }),
          second: M('PATCH', '/api/shop', { offlineLimits: { countMax: b } }),
          other: M('POST', '/api/reports/z', {}),
        })),
        "a customer's PIN changed to two PINs": pins.map(([a, b]) => async () => ({
          first: M('POST', '/api/customers/me/pin', { currentPin: pin, newPin: a }, pinToken),
          second: M('POST', '/api/customers/me/pin', { currentPin: pin, newPin: b }, pinToken),
          other: M('POST', '/api/wallet/topups', { amount: cny(1) }, pinToken),
          after: () => {
            pin = a;
          },
        })),
      };
      // FUZZ_REPLAY_ONLY=<part of a case's name> runs the cases that match, to reproduce one.
      const chosen = Object.entries(cases).filter(([n]) => n.includes(process.env.FUZZ_REPLAY_ONLY ?? ''));
      for (const [name, arbitrary] of chosen) {
      await fc.assert(
        fc.asyncProperty(
          arbitrary,
          async (make) => {
            const c = await make();
            const key = newKey();
            const sendWith = (r: Req) => api.request(r.method, r.path, { token: r.token, key, body: r.body });
            const first = await sendWith(c.first);
            const declined = first.status === 402 && name.startsWith('a declined');
            expect(first.status < 300 || declined, `${name}: the first request ${JSON.stringify(c.first)} -> ${first.status} ${JSON.stringify(first.body)}`).toBe(true);
            c.after?.();
            const before = await fingerprint(api);
            for (const other of [c.second, c.other]) {
              const res = await sendWith(other);
              const what = `${name}: key used for ${JSON.stringify(c.first)} then sent with ${JSON.stringify(other)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
              expect(res.status, what).toBe(409);
              expect(res.body?.error?.code, what).toBe('IDEMPOTENCY_MISMATCH');
              expect(typeof res.body.error.message, what).toBe('string');
              expect(changedTables(before, await fingerprint(api)), what).toEqual([]);
            }
            const again = await sendWith(c.first);
            expect({ status: again.status, body: again.body }, `${name}: the first request again`).toEqual({ status: first.status, body: first.body });
            expect(changedTables(before, await fingerprint(api)), `${name}: the first request again`).toEqual([]);
            const report = await checkInvariants(api.deps.db.kysely);
            expect(report.violations, name).toEqual([]);
          },
        ),
        { numRuns: REPLAY_RUNS, seed: SEED, endOnFailure: true },
      );
      }
      console.log(`replay fuzz on ${dialect}: ${REPLAY_RUNS} of each of ${chosen.length} cases (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    180_000,
  );
});
