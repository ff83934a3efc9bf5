/** Mail clients re-encode links; more than this many layers is not a mangled link but something else. */
const MAX_DECODE_ROUNDS = 3;

/** A link fragment as it was before mail clients and redirectors percent-encoded it, once or twice. */
export function percentDecoded(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return current;
}
