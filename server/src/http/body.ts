/**
 * Request bodies: JSON only, 16 KB at most, parsed by the contract's zod schema. Unknown fields are
 * refused (the contract's schemas drop them, which is right for a client reading answers but would let a
 * typo in a request pass unnoticed).
 */
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { schemaErrors, type FieldError } from '../../../src/api/request-errors.js';
import { HttpProblem } from './problems.js';

export const MAX_BODY_BYTES = 16 * 1024;

/** The body as parsed JSON; refuses other media types, oversized bodies and malformed JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem('unsupported_media_type');
  const declared = Number(c.req.header('Content-Length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new HttpProblem('payload_too_large');
  const bytes = await readLimited(c.req.raw);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpProblem('bad_request');
  }
  const withNul = fieldsWithNul(body);
  if (withNul.length > 0) throw new HttpProblem('invalid_input', withNul.map((field) => ({ field, code: 'invalid' })));
  return body;
}

/** PostgreSQL cannot store U+0000 in text, and no citizen types it: such fields are refused up front. */
function fieldsWithNul(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.')] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => fieldsWithNul(child, [...path, key]));
}

/** Reads the stream itself, so that a body sent without (or with a false) Content-Length is cut off too. */
async function readLimited(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new HttpProblem('payload_too_large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

interface ShapeDef {
  type?: string;
  shape?: Record<string, { _zod: { def: ShapeDef } }>;
  innerType?: { _zod: { def: ShapeDef } };
  element?: { _zod: { def: ShapeDef } };
}

/** Paths of fields the schema does not know, e.g. `person.nickname`. */
export function unknownFields(schema: z.ZodMiniType, value: unknown, path: string[] = []): string[] {
  let def = (schema as unknown as { _zod: { def: ShapeDef } })._zod.def;
  while ((def.type === 'optional' || def.type === 'nullable') && def.innerType) def = def.innerType._zod.def;
  if (def.type === 'object' && def.shape && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const shape = def.shape;
    return Object.entries(value).flatMap(([key, child]) =>
      // Own keys only: `__proto__` and `constructor` are "in" every object.
      Object.hasOwn(shape, key)
        ? unknownFields(shape[key] as unknown as z.ZodMiniType, child, [...path, key])
        : [[...path, key].join('.')]);
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const element = def.element as unknown as z.ZodMiniType;
    return value.flatMap((item, index) => unknownFields(element, item, [...path, String(index)]));
  }
  return [];
}

/** Schema and unknown-field errors together, so that the client hears about every problem at once. */
export function bodyErrors(schema: z.ZodMiniType, body: unknown): FieldError[] {
  return [
    ...schemaErrors(schema, body),
    ...unknownFields(schema, body).map((field) => ({ field, code: 'unknown' })),
  ];
}

/** The body checked against `schema`, or `invalid_input` naming every offending field. */
export async function parseBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  const body = await readJson(c);
  const errors = bodyErrors(schema, body);
  if (errors.length > 0) throw new HttpProblem('invalid_input', errors);
  return schema.parse(body);
}
