/**
 * Deterministic randomness. Each object draws from its own stream derived from the seed and its
 * identity (type + index), so adding an object type or a field never reshuffles the others.
 */

/** xmur3-style string hash to a 32-bit state. */
export function hash(s: string): number {
  return finish(mix(1779033703 ^ s.length, s));
}

/** The hash state after the characters of `s`. */
function mix(state: number, s: string): number {
  let h = state;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return h;
}

function finish(state: number): number {
  let h = Math.imul(state ^ (state >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/**
 * `hash` of `${seed}/${identity.join('/')}` without building that string: the generator derives
 * a million streams for a million restore sessions, and each key string was garbage the moment
 * it was hashed.
 */
function hashOfIdentity(seed: number, identity: readonly (string | number)[]): number {
  const head = String(seed);
  let length = head.length;
  for (const part of identity) length += 1 + String(part).length;
  let h = mix(1779033703 ^ length, head);
  for (const part of identity) {
    h = Math.imul(h ^ 47, 3432918353); // '/'
    h = mix((h << 13) | (h >>> 19), String(part));
  }
  return finish(h);
}

const HEX = '0123456789abcdef';
const HEX2 = Array.from({ length: 256 }, (_, i) => HEX[i >>> 4]! + HEX[i & 0xf]!);

function hex32(n: number): string {
  return HEX2[n >>> 24]! + HEX2[(n >>> 16) & 0xff]! + HEX2[(n >>> 8) & 0xff]! + HEX2[n & 0xff]!;
}

export class Rng {
  private a: number;

  constructor(seed: number, ...identity: (string | number)[]) {
    this.a = hashOfIdentity(seed, identity);
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.a = (this.a + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of choices) {
      if ((r -= w) < 0) return v;
    }
    return choices[choices.length - 1]![0];
  }

  /**
   * A version-4-shaped GUID, lower case, as EM writes them: 32 hex digits from four 32-bit draws,
   * the version digit forced to 4 and the variant to 8–b. Built from a byte table because the
   * generator makes tens of thousands of them at start-up and on every new seed.
   */
  guid(): string {
    const a = this.int(0, 0xffffffff);
    const b = this.int(0, 0xffffffff);
    const c = this.int(0, 0xffffffff);
    const d = this.int(0, 0xffffffff);
    const variant = HEX[((c >>> 28) & 0x3) | 0x8]!;
    return (
      hex32(a) +
      '-' +
      HEX2[b >>> 24]! +
      HEX2[(b >>> 16) & 0xff]! +
      '-4' +
      HEX[(b >>> 8) & 0xf]! +
      HEX2[b & 0xff]! +
      '-' +
      variant +
      HEX[(c >>> 24) & 0xf]! +
      HEX2[(c >>> 16) & 0xff]! +
      '-' +
      HEX2[(c >>> 8) & 0xff]! +
      HEX2[c & 0xff]! +
      hex32(d)
    );
  }
}

/** The GUID of one object, stable for its seed, type and index. */
export function guidFor(seed: number, type: string, index: number | string): string {
  return new Rng(seed, 'guid', type, index).guid();
}
