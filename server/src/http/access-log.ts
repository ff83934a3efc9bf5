/**
 * One line per request: method, route pattern, status and milliseconds. Never the path as sent (it holds
 * codes and ids), never a query value, header or body: nothing personal can reach the log.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

export type LogLine = Record<string, string | number>;
export type Logger = (line: LogLine) => void;

export const jsonLinesLogger: Logger = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

export function accessLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // The pattern of the handler that answered (middleware is registered for ALL methods).
    const route = matchedRoutes(c).filter((matched) => matched.method !== 'ALL').at(-1)?.path ?? '(no route)';
    log({
      time: new Date().toISOString(),
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
