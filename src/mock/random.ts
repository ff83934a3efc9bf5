/**
 * Seeded pseudo-randomness, so that the same seed and the same clock always give the same answers:
 * tests can assert on them and a demo link shows the same calendar every time.
 */

/** FNV-1a over the joined parts, then a final avalanche so that neighbouring inputs spread apart. */
function hash(parts: readonly (string | number)[]): number {
  let value = 0x811c9dc5;
  for (const char of parts.join('|')) {
    value = Math.imul(value ^ char.charCodeAt(0), 0x01000193);
  }
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

/** A number in [0, 1) that depends only on the parts. */
export function unitFromParts(...parts: (string | number)[]): number {
  return hash(parts) / 2 ** 32;
}

/** A stream of numbers in [0, 1) (mulberry32), for ids, codes and tokens handed out in order. */
export function createRandomStream(...parts: (string | number)[]): () => number {
  let state = hash(parts);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function randomString(next: () => number, alphabet: string, length: number): string {
  let result = '';
  for (let index = 0; index < length; index++) result += alphabet[Math.floor(next() * alphabet.length)];
  return result;
}
