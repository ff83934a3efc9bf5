// Pure helpers for the benchmark's figures.

/**
 * Requests answered before `until` (ms since script start), and how many of them had to wait for one
 * another: a request that started after another had finished counts one round trip more than that one.
 */
export function countRoundTrips(requests, until) {
  const answered = requests.filter((request) => request.end <= until).sort((a, b) => a.start - b.start);
  const depth = new Map();
  for (const request of answered) {
    const before = answered.filter((other) => other !== request && other.end <= request.start);
    depth.set(request, 1 + Math.max(0, ...before.map((other) => depth.get(other) ?? 0)));
  }
  return {
    requests: answered.length,
    roundTrips: Math.max(0, ...depth.values()),
    sequence: answered.map((request) => `${request.method} ${request.path} (${depth.get(request)})`),
  };
}

export function summarize(values) {
  const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, min: null, max: null };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

const round = (value) => Math.round(value * 10) / 10;
