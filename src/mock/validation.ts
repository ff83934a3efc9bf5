/** The mock's request checks: the shared ones in `src/api/request-errors.ts`, thrown as problems. */
import type * as z from 'zod/mini';
import { schemaErrors } from '../api/request-errors.js';
import { MockProblem } from './problems.js';

export { bookingRequestErrors, updateRequestErrors } from '../api/request-errors.js';

/** The body parsed by the schema, or `invalid_input` naming each offending field. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new MockProblem('invalid_input', schemaErrors(schema, body));
}
