// The server as operators run it, for the benchmark: `node --import tsx server/src/main.ts` in a child
// process, configured by environment, ready when it prints its listening line. Its access log is read and
// dropped as it comes (it must be drained, or the server would block on a full pipe), counting answers of
// 500 and up and `error` events so that the benchmark can refuse figures from a failing server.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Starts the server and resolves once it listens, with the milliseconds from spawn to the listening line.
 * Rejects with the server's output when it exits first or takes longer than `timeoutMs`.
 */
export async function startServer(env, timeoutMs = 120_000) {
  const spawned = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPOSITORY,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = {
    child,
    pid: child.pid,
    url: '',
    startMs: 0,
    /** The last lines it wrote, for error messages. */
    tail: [],
    serverErrors: 0,
    /** Access-log lines so far, and when the last one came: one line per answered request. */
    lines: 0,
    lastLineAt: performance.now(),
    exited: once(child, 'exit').then(([code, signal]) => code ?? signal),
  };
  let partial = '';
  const onLine = (line) => {
    server.lines += 1;
    server.lastLineAt = performance.now();
    if (line.includes('"status":5') || line.includes('"event":"error"')) server.serverErrors += 1;
    server.tail.push(line);
    if (server.tail.length > 40) server.tail.shift();
  };
  const collect = (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine(line);
  };
  child.stderr.on('data', collect);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not start within ${timeoutMs} ms:\n${server.tail.join('\n')}`));
    }, timeoutMs);
    const watch = (chunk) => {
      const text = chunk.toString('utf8');
      const listening = /termin-buchen server listening on (http:\/\/\S+)/.exec(text);
      collect(chunk);
      if (listening && !server.url) {
        server.startMs = performance.now() - spawned;
        server.url = listening[1];
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    void server.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it listened:\n${server.tail.join('\n')}`));
    });
  });
  return server;
}

/**
 * Waits until the server has answered `expected` requests in all (its access log has that many lines), or
 * has written nothing for `quietMs`. A load generator that stops leaves requests queued in the server, and
 * they would slow the next phase down. Resolves with the milliseconds waited.
 */
export async function drained(server, expected = 0, quietMs = 5_000, maxMs = 60_000) {
  const started = performance.now();
  const pending = () => server.lines < expected && performance.now() - server.lastLineAt < quietMs;
  // Without a count, a second without a line means idle.
  const busy = () => (expected > 0 ? pending() : performance.now() - server.lastLineAt < 1_000);
  while (busy() && performance.now() - started < maxMs) await new Promise((resolve) => setTimeout(resolve, 50));
  return Math.round(performance.now() - started);
}

/** SIGTERM (the server finishes requests in flight and closes the database), then waits for the exit. */
export async function stopServer(server) {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
  const code = await server.exited;
  clearTimeout(timer);
  return code;
}

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 1024), peakRssMB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMB: null, peakRssMB: null };
  }
}

let ticksPerSecond;

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux). On a machine
 * shared with other jobs, this is the figure that does not grow while the process waits for a core.
 */
export function cpuTimeOf(pid) {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}
