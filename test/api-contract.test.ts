/**
 * Keeps docs/api.yaml, the zod schemas and the client in agreement: every path, every field, whether it is
 * required, and every parameter and header the client sends. The negative tests at the end show that a
 * lost path or field makes the comparison complain.
 */
import { expect } from '@open-wc/testing';
import { parse } from 'yaml';
import * as z from 'zod/mini';
import { V1Backend, ENDPOINTS } from '../src/api/v1/backend.js';
import { BookingRequest, HoldRequest, Id, KNOWN_ERROR_CODES, LookupRequest, Problem, RescheduleRequest, UpdateBookingRequest } from '../src/api/schemas.js';

type EndpointName = keyof typeof ENDPOINTS;
type Endpoints = Record<EndpointName, { method: string; path: string; response?: z.ZodMiniType }>;
type RequestBodies = Partial<Record<EndpointName, z.ZodMiniType>>;
type JsonObject = Record<string, unknown>;

const REQUEST_BODIES: RequestBodies = {
  createHold: HoldRequest,
  createBooking: BookingRequest,
  lookupBooking: LookupRequest,
  rescheduleBooking: RescheduleRequest,
  updateBooking: UpdateBookingRequest,
};

const services = [{ id: 'perso', quantity: 2 }];
const ref = { code: 'K7Q2', token: 'tok' };
const CALLS: Record<EndpointName, (client: V1Backend) => Promise<unknown>> = {
  getCatalog: (c) => c.catalog(),
  getChallenge: (c) => c.challenge(),
  getDays: (c) => c.days({ locationId: 'rathaus', services, from: '2030-03-01', to: '2030-03-31' }),
  getSlots: (c) => c.slots({ locationId: 'rathaus', services, date: '2030-03-04' }),
  createHold: (c) => c.hold({ locationId: 'rathaus', services, start: '2030-03-04T09:00:00+01:00' }),
  extendHold: (c) => c.extend('hold-1'),
  releaseHold: (c) => c.release('hold-1'),
  createBooking: (c) =>
    c.book({ holdId: 'hold-1', person: { firstName: 'Erika', lastName: 'Mustermann', email: 'erika@example.org' }, locale: 'de' }, 'key-1'),
  lookupBooking: (c) => c.find('K7Q2', 'erika@example.org'),
  getBooking: (c) => c.get(ref),
  confirmBooking: (c) => c.confirm(ref),
  cancelBooking: (c) => c.cancel(ref, true),
  rescheduleBooking: (c) => c.reschedule(ref, 'hold-2'),
  getBookingData: (c) => c.personalData(ref),
  updateBooking: (c) => c.update(ref, { person: { firstName: 'Erika', lastName: 'Muster', email: 'erika@example.org' } }),
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

function strings(value: unknown): string[] {
  return list(value).map(String).sort();
}

/** Follows local `$ref`s (`#/components/…`, `#/$defs/…`) inside `root`. */
function resolver(root: unknown): (node: unknown) => unknown {
  return function resolve(node) {
    const ref = child(node, '$ref');
    if (typeof ref !== 'string') return node;
    const target = ref.replace(/^#\//, '').split('/').reduce(child, root);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return resolve(target);
  };
}

interface Flat {
  types: string[];
  enumValues: string[];
  required: string[];
  properties: JsonObject;
  items?: unknown;
}

/** What matters for agreement, with `$ref`s followed and `anyOf`/`oneOf`/`allOf` branches merged. */
function flatten(node: unknown, resolve: (node: unknown) => unknown): Flat {
  const schema = resolve(node);
  const branches = [...list(child(schema, 'anyOf')), ...list(child(schema, 'oneOf')), ...list(child(schema, 'allOf'))].map((b) => flatten(b, resolve));
  const type = child(schema, 'type');
  const properties = child(schema, 'properties');
  const own: Flat = {
    types: type === undefined ? [] : strings(Array.isArray(type) ? type : [type]),
    enumValues: strings(child(schema, 'enum')),
    required: strings(child(schema, 'required')),
    properties: isObject(properties) ? properties : {},
    items: child(schema, 'items'),
  };
  return branches.reduce(
    (merged, branch) => ({
      types: [...new Set([...merged.types, ...branch.types])].sort(),
      enumValues: [...new Set([...merged.enumValues, ...branch.enumValues])].sort(),
      required: [...new Set([...merged.required, ...branch.required])].sort(),
      properties: { ...merged.properties, ...branch.properties },
      items: merged.items ?? branch.items,
    }),
    own,
  );
}

/** Differences between a zod-emitted JSON Schema and the document's schema, as readable sentences. */
function compareSchemas(fromZod: unknown, fromDoc: unknown, at: string, resolveZod: (n: unknown) => unknown, resolveDoc: (n: unknown) => unknown): string[] {
  const zodFlat = flatten(fromZod, resolveZod);
  const docFlat = flatten(fromDoc, resolveDoc);
  const problems: string[] = [];
  const same = (a: string[], b: string[]) => a.join() === b.join();
  if (!same(zodFlat.types, docFlat.types)) problems.push(`${at}: type [${docFlat.types}] in OpenAPI, [${zodFlat.types}] in zod`);
  if (!same(zodFlat.enumValues, docFlat.enumValues)) problems.push(`${at}: enum [${docFlat.enumValues}] in OpenAPI, [${zodFlat.enumValues}] in zod`);
  for (const key of zodFlat.required) if (!docFlat.required.includes(key)) problems.push(`${at}.${key}: required in zod, not in OpenAPI`);
  for (const key of docFlat.required) if (!zodFlat.required.includes(key)) problems.push(`${at}.${key}: required in OpenAPI, not in zod`);
  for (const [key, zodProperty] of Object.entries(zodFlat.properties)) {
    if (key in docFlat.properties) problems.push(...compareSchemas(zodProperty, docFlat.properties[key], `${at}.${key}`, resolveZod, resolveDoc));
    else problems.push(`${at}.${key}: missing in OpenAPI`);
  }
  for (const key of Object.keys(docFlat.properties)) if (!(key in zodFlat.properties)) problems.push(`${at}.${key}: missing in zod`);
  if (zodFlat.items !== undefined || docFlat.items !== undefined) {
    problems.push(...compareSchemas(zodFlat.items, docFlat.items, `${at}[]`, resolveZod, resolveDoc));
  }
  return problems;
}

function compareWithZod(schema: z.ZodMiniType, io: 'input' | 'output', fromDoc: unknown, at: string, resolveDoc: (n: unknown) => unknown): string[] {
  const fromZod = z.toJSONSchema(schema, { io });
  return compareSchemas(fromZod, fromDoc, at, resolver(fromZod), resolveDoc);
}

interface Operation {
  label: string;
  node: unknown;
  parameters: unknown[];
}

function operations(doc: unknown): Operation[] {
  const resolve = resolver(doc);
  return entries(child(doc, 'paths')).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => child(item, method) !== undefined).map((method) => {
      const node = child(item, method);
      return {
        label: `${method.toUpperCase()} ${path}`,
        node,
        parameters: [...list(child(item, 'parameters')), ...list(child(node, 'parameters'))].map(resolve),
      };
    }),
  );
}

const labelOf = (spec: { method: string; path: string }) => `${spec.method} ${spec.path}`;

/** Paths, bodies and problem answers: everything that can be compared without sending a request. */
function agreementProblems(doc: unknown, endpoints: Endpoints = ENDPOINTS, requestBodies: RequestBodies = REQUEST_BODIES): string[] {
  const resolve = resolver(doc);
  const problems: string[] = [];
  const documented = new Map(operations(doc).map((operation) => [operation.label, operation]));
  const clientLabels = Object.values(endpoints).map(labelOf);
  for (const label of clientLabels) if (!documented.has(label)) problems.push(`${label}: called by the client, missing in OpenAPI`);
  for (const label of documented.keys()) if (!clientLabels.includes(label)) problems.push(`${label}: in OpenAPI, unknown to the client`);

  for (const [name, spec] of Object.entries(endpoints) as [EndpointName, Endpoints[EndpointName]][]) {
    const label = labelOf(spec);
    const operation = documented.get(label);
    if (!operation) continue;
    const responses = entries(child(operation.node, 'responses')).map(([status, response]) => [status, resolve(response)] as const);
    const successes = responses.filter(([status]) => /^2\d\d$/.test(status));
    if (successes.length !== 1) {
      problems.push(`${label}: ${successes.length} success responses in OpenAPI, expected 1`);
      continue;
    }
    const [status, success] = successes[0];
    const content = child(success, 'content');
    if (spec.response) {
      problems.push(...compareWithZod(spec.response, 'output', child(child(content, 'application/json'), 'schema'), `${label} ${status}`, resolve));
    } else if (status !== '204' || content !== undefined) {
      problems.push(`${label}: the client expects 204 without a body, OpenAPI says ${status}`);
    }

    for (const [errorStatus, response] of responses.filter(([s]) => !/^2\d\d$/.test(s))) {
      const schema = child(child(child(response, 'content'), 'application/problem+json'), 'schema');
      if (schema === undefined) problems.push(`${label} ${errorStatus}: not application/problem+json`);
      else if (resolve(schema) !== resolve(child(child(child(doc, 'components'), 'schemas'), 'Problem'))) problems.push(`${label} ${errorStatus}: schema is not Problem`);
    }

    const requestSchema = requestBodies[name];
    const requestBody = resolve(child(operation.node, 'requestBody'));
    if (requestSchema === undefined && requestBody !== undefined) problems.push(`${label}: OpenAPI has a request body, zod has none`);
    if (requestSchema !== undefined && requestBody === undefined) problems.push(`${label}: zod has a request body, OpenAPI has none`);
    if (requestSchema !== undefined && requestBody !== undefined) {
      const schema = child(child(child(requestBody, 'content'), 'application/json'), 'schema');
      problems.push(...compareWithZod(requestSchema, 'input', schema, `${label} request`, resolve));
    }
  }

  const problemSchema = child(child(child(doc, 'components'), 'schemas'), 'Problem');
  problems.push(...compareWithZod(Problem, 'output', problemSchema, 'Problem', resolve));
  const documentedCodes = strings(child(child(child(problemSchema, 'properties'), 'code'), 'examples'));
  if (documentedCodes.join() !== [...KNOWN_ERROR_CODES].sort().join()) problems.push(`Problem.code: examples [${documentedCodes}] differ from KNOWN_ERROR_CODES`);
  return problems;
}

interface SentRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

/** Drives every client method against a stub that records the request and answers 500. */
async function sendEveryRequest(): Promise<Map<EndpointName, SentRequest>> {
  const sent = new Map<EndpointName, SentRequest>();
  const realFetch = globalThis.fetch;
  try {
    for (const [name, call] of Object.entries(CALLS) as [EndpointName, (client: V1Backend) => Promise<unknown>][]) {
      globalThis.fetch = async (input, init) => {
        const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
        sent.set(name, { url: new URL(String(input), location.href), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body });
        return new Response(null, { status: 500 });
      };
      await call(new V1Backend({ baseUrl: '/api', lang: () => 'de', retryDelaysMs: [] })).catch(() => undefined);
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  return sent;
}

/** Parameters, headers, security and bodies of real client requests against what the document declares. */
function requestProblems(doc: unknown, sent: Map<EndpointName, SentRequest>): string[] {
  const problems: string[] = [];
  const documented = operations(doc);
  for (const name of Object.keys(CALLS) as EndpointName[]) {
    const request = sent.get(name);
    if (!request) {
      problems.push(`${name}: sent no request`);
      continue;
    }
    const path = request.url.pathname.replace(/^\/api/, '');
    const matches = documented.filter(({ label }) => {
      const [method, template] = label.split(' ');
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
      return method === request.method && pattern.test(path);
    });
    // A literal segment beats a parameter (`/bookings/lookup` over `/bookings/{code}`).
    const operation = matches.sort((a, b) => (a.label.match(/\{/g) ?? []).length - (b.label.match(/\{/g) ?? []).length)[0];
    if (!operation) {
      problems.push(`${name}: ${request.method} ${path} matches no documented operation`);
      continue;
    }
    if (operation.label !== labelOf(ENDPOINTS[name])) problems.push(`${name}: sent to ${operation.label}, ENDPOINTS says ${labelOf(ENDPOINTS[name])}`);

    const declared = (place: string) => operation.parameters.filter((p) => child(p, 'in') === place);
    const names = (params: unknown[]) => params.map((p) => String(child(p, 'name')).toLowerCase()).sort();
    const sentQuery = [...request.url.searchParams.keys()].map((key) => key.toLowerCase()).sort();
    const declaredQuery = names(declared('query'));
    if (sentQuery.join() !== declaredQuery.join()) problems.push(`${operation.label}: client sends query [${sentQuery}], OpenAPI declares [${declaredQuery}]`);

    const bodyAndAuthHeaders = ['authorization', 'content-type'];
    const sentHeaders = [...request.headers.keys()].filter((key) => !bodyAndAuthHeaders.includes(key)).sort();
    const declaredHeaders = names(declared('header'));
    if (sentHeaders.join() !== declaredHeaders.join()) problems.push(`${operation.label}: client sends headers [${sentHeaders}], OpenAPI declares [${declaredHeaders}]`);

    const schemes = list(child(operation.node, 'security') ?? child(doc, 'security')).flatMap((requirement) => entries(requirement).map(([scheme]) => scheme));
    const bearer = schemes.some((scheme) => child(child(child(child(doc, 'components'), 'securitySchemes'), scheme), 'scheme') === 'bearer');
    const sendsBearer = /^Bearer \S+$/.test(request.headers.get('Authorization') ?? '');
    if (bearer !== sendsBearer) problems.push(`${operation.label}: bearer security ${bearer ? 'documented' : 'not documented'}, client ${sendsBearer ? 'sends' : 'does not send'} a token`);

    const bodySchema = REQUEST_BODIES[name];
    if ((request.body !== undefined) !== (bodySchema !== undefined)) problems.push(`${name}: body sent: ${request.body !== undefined}, zod request schema: ${bodySchema !== undefined}`);
    if (bodySchema && !bodySchema.safeParse(request.body).success) problems.push(`${name}: the body sent breaks the zod request schema`);
    const bodyTypes = entries(child(resolver(doc)(child(operation.node, 'requestBody')), 'content')).map(([type]) => type);
    const contentType = request.headers.get('Content-Type');
    if (contentType !== null && !bodyTypes.includes(contentType)) problems.push(`${operation.label}: sends Content-Type ${contentType}, OpenAPI accepts [${bodyTypes}]`);
  }
  return problems;
}

async function loadDocument(): Promise<unknown> {
  const response = await fetch(new URL('../docs/api.yaml', import.meta.url));
  expect(response.ok, 'docs/api.yaml is served').to.equal(true);
  return parse(await response.text());
}

describe('API contract: docs/api.yaml ⇔ src/api/schemas.ts ⇔ src/api/client.ts', () => {
  let doc: unknown;
  before(async () => {
    doc = await loadDocument();
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(String(child(doc, 'openapi'))).to.match(/^3\.1\./);
  });

  it('describes exactly the client endpoints, with the same bodies, fields and problem answers as the zod schemas', () => {
    expect(agreementProblems(doc)).to.deep.equal([]);
  });

  it('declares exactly the query parameters, headers, bearer tokens and bodies the client sends', async () => {
    expect(requestProblems(doc, await sendEveryRequest())).to.deep.equal([]);
  });

  describe('fails on drift', () => {
    const copy = (): JsonObject => structuredClone(doc) as JsonObject;
    const schemas = (document: JsonObject) => child(child(document, 'components'), 'schemas') as JsonObject;

    it('when the document loses a required field', () => {
      const broken = copy();
      const hold = child(schemas(broken), 'Hold') as JsonObject;
      hold.required = strings(hold.required).filter((key) => key !== 'expiresInSeconds');
      expect(agreementProblems(broken)).to.include.members([
        'POST /holds 201.expiresInSeconds: required in zod, not in OpenAPI',
        'POST /holds/{id}/extend 200.expiresInSeconds: required in zod, not in OpenAPI',
      ]);
    });

    it('when the document loses a field deep inside a body', () => {
      const broken = copy();
      const address = child(schemas(broken), 'Address') as JsonObject;
      delete (address.properties as JsonObject).city;
      expect(agreementProblems(broken)).to.include('POST /bookings 201.booking.location.address.city: missing in OpenAPI');
    });

    it('when the document loses a path', () => {
      const broken = copy();
      delete (broken.paths as JsonObject)['/slots'];
      expect(agreementProblems(broken)).to.include('GET /slots: called by the client, missing in OpenAPI');
    });

    it('when the document loses a header the client sends', async () => {
      const broken = copy();
      const createBooking = child(child(broken.paths, '/bookings'), 'post') as JsonObject;
      createBooking.parameters = [];
      expect(requestProblems(broken, await sendEveryRequest())).to.include(
        'POST /bookings: client sends headers [accept-language,idempotency-key], OpenAPI declares [accept-language]',
      );
    });

    it('when a zod schema loses a required field', () => {
      const shrunkHold = z.object({ id: Id });
      const endpoints: Endpoints = { ...ENDPOINTS, createHold: { ...ENDPOINTS.createHold, response: shrunkHold } };
      const problems = agreementProblems(doc, endpoints);
      expect(problems).to.include('POST /holds 201.expiresAt: required in OpenAPI, not in zod');
      expect(problems).to.include('POST /holds 201.expiresAt: missing in zod');
    });
  });
});
