// `random`: CPython's Mersenne Twister, seeded the way CPython seeds it from an int, so that
// `random.seed(0); random.random()` gives the same numbers as CPython. The module-level functions use
// one generator per interpreter, seeded from InterpreterOptions.seed (default 0) for reproducible runs.
import { IndexError, ValueError, pyError, typeError } from '../runtime/exceptions';
import { defineMethod, defineStaticMethod, nativeClass, native, newInstance, payloadOf } from '../runtime/native';
import { hashValue, indexValue, len, getItem, toArray, typeName } from '../runtime/protocol';
import { None, PyFloat, PyList, PyModule, PySet, tuple, type PyType, type PyValue } from '../runtime/types';
import type { Interpreter } from '../eval/interpreter';
import { makeModule } from '../eval/modules';
import { floatOf, intOf } from '../builtins/numbers';

export class MersenneTwister {
  private mt = new Uint32Array(624);
  private index = 625;
  gaussNext: number | null = null;

  constructor(seed: bigint = 0n) {
    this.seed(seed);
  }

  private initGenrand(s: number): void {
    this.mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = 624;
  }

  /** init_by_array with the 32-bit words of |seed|, least significant first (CPython's random_seed). */
  seed(seed: bigint): void {
    let n = seed < 0n ? -seed : seed;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const mt = this.mt;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = 624;
    this.gaussNext = null;
  }

  genrand(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random(): number {
    const a = this.genrand() >>> 5;
    const b = this.genrand() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(this.genrand() >>> (32 - k));
    let out = 0n;
    let shift = 0n;
    for (let bits = k; bits > 0; bits -= 32) {
      let r = this.genrand();
      if (bits < 32) r >>>= 32 - bits;
      out |= BigInt(r) << shift;
      shift += 32n;
    }
    return out;
  }

  /** CPython's _randbelow_with_getrandbits. */
  randbelow(n: bigint): bigint {
    if (n <= 0n) return 0n;
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }
}

const randomType = nativeClass({ name: 'Random', module: 'random' });
const gen = (self: PyValue): MersenneTwister => payloadOf<MersenneTwister>(self, randomType, 'Random');

function seedValue(a: PyValue): bigint {
  if (a === None) return BigInt(Date.now());
  const i = intOf(a);
  if (i !== undefined) return BigInt(i);
  if (typeof a === 'string') {
    let h = 0n;
    for (const ch of a) h = (h * 1000003n + BigInt(ch.codePointAt(0)!)) & ((1n << 64n) - 1n);
    return h;
  }
  return BigInt(hashValue(a));
}

function intArg(v: PyValue, what: string): bigint {
  const i = intOf(v);
  if (i === undefined) throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer (${what})`);
  return BigInt(i);
}

const toInt = (b: bigint): number | bigint => (b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : b);

function randrange(g: MersenneTwister, start: PyValue, stop: PyValue, step: PyValue): number | bigint {
  const istart = intArg(start, 'randrange');
  if (stop === None) {
    if (istart > 0n) return toInt(g.randbelow(istart));
    throw pyError(ValueError, 'empty range for randrange()');
  }
  const istop = intArg(stop, 'randrange');
  const width = istop - istart;
  const istep = intArg(step, 'randrange');
  if (istep === 1n) {
    if (width > 0n) return toInt(istart + g.randbelow(width));
    throw pyError(ValueError, `empty range for randrange() (${istart}, ${istop}, ${width})`);
  }
  if (istep === 0n) throw pyError(ValueError, 'zero step for randrange()');
  const n = istep > 0n ? (width + istep - 1n) / istep : (width + istep + 1n) / istep;
  if (n <= 0n) throw pyError(ValueError, 'empty range for randrange()');
  return toInt(istart + istep * g.randbelow(n));
}

function sample(g: MersenneTwister, population: PyValue, kv: PyValue): PyList {
  const items = toArray(population);
  const n = items.length;
  const k = indexValue(kv);
  if (k < 0 || k > n) throw pyError(ValueError, 'Sample larger than population or is negative');
  const result: PyValue[] = new Array(k);
  let setsize = 21;
  if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
  if (n <= setsize) {
    const pool = [...items];
    for (let i = 0; i < k; i++) {
      const j = Number(g.randbelow(BigInt(n - i)));
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = Number(g.randbelow(BigInt(n)));
      while (selected.has(j)) j = Number(g.randbelow(BigInt(n)));
      selected.add(j);
      result[i] = items[j];
    }
  }
  return new PyList(result);
}

function num(v: PyValue): number {
  const x = floatOf(v);
  if (x === undefined) throw typeError(`must be real number, not ${typeName(v)}`);
  return x;
}

const methods: Record<string, (g: MersenneTwister, a: PyValue[]) => PyValue | void> = {
  'seed(self, a=None, version=2)': (g, [a]) => g.seed(seedValue(a)),
  'random(self)': (g) => new PyFloat(g.random()),
  'getrandbits(self, k, /)': (g, [k]) => toInt(g.getrandbits(indexValue(k))),
  'randrange(self, start, stop=None, step=1)': (g, [a, b, c]) => randrange(g, a, b, c),
  'randint(self, a, b)': (g, [a, b]) => randrange(g, a, toInt(intArg(b, 'randint') + 1n), 1),
  'choice(self, seq)': (g, [seq]) => {
    const n = len(seq);
    if (n === 0) throw pyError(IndexError, 'Cannot choose from an empty sequence');
    return getItem(seq, Number(g.randbelow(BigInt(n))));
  },
  'shuffle(self, x)': (g, [x]) => {
    const items = (x as PyList).items;
    if (!(x instanceof PyList)) throw typeError(`'${typeName(x)}' object does not support item assignment`);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Number(g.randbelow(BigInt(i + 1)));
      [items[i], items[j]] = [items[j], items[i]];
    }
  },
  'sample(self, population, k, *, counts=None)': (g, [p, k]) => {
    if (p instanceof PySet) throw typeError('Population must be a sequence.  For dicts or sets, use sorted(d).');
    return sample(g, p, k);
  },
  'choices(self, population, weights=None, *, cum_weights=None, k=1)': (g, [p, w, cw, k]) => {
    const items = toArray(p);
    const n = items.length;
    const count = indexValue(k);
    if (w === None && cw === None) return new PyList(Array.from({ length: count }, () => items[Math.floor(g.random() * n)]));
    let cum: number[];
    if (cw !== None) cum = toArray(cw).map(num);
    else {
      let acc = 0;
      cum = toArray(w).map((x) => (acc += num(x)));
    }
    if (cum.length !== n) throw pyError(ValueError, 'The number of weights does not match the population');
    const total = cum[n - 1];
    return new PyList(Array.from({ length: count }, () => {
      const r = g.random() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (r < cum[mid]) hi = mid;
        else lo = mid + 1;
      }
      return items[lo];
    }));
  },
  'uniform(self, a, b)': (g, [a, b]) => new PyFloat(num(a) + (num(b) - num(a)) * g.random()),
  'gauss(self, mu=0.0, sigma=1.0)': (g, [mu, sigma]) => {
    let z = g.gaussNext;
    g.gaussNext = null;
    if (z === null) {
      const x2pi = g.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2 * Math.log(1 - g.random()));
      z = Math.cos(x2pi) * g2rad;
      g.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return new PyFloat(num(mu) + z * num(sigma));
  },
  'normalvariate(self, mu=0.0, sigma=1.0)': (g, [mu, sigma]) => {
    const magic = (4 * Math.exp(-0.5)) / Math.sqrt(2);
    let z: number;
    for (;;) {
      const u1 = g.random();
      const u2 = 1 - g.random();
      z = (magic * (u1 - 0.5)) / u2;
      if ((z * z) / 4 <= -Math.log(u2)) break;
    }
    return new PyFloat(num(mu) + z * num(sigma));
  },
  'expovariate(self, lambd=1.0)': (g, [l]) => new PyFloat(-Math.log(1 - g.random()) / num(l)),
  'triangular(self, low=0.0, high=1.0, mode=None)': (g, [lo, hi, mode]) => {
    let u = g.random();
    let low = num(lo);
    let high = num(hi);
    let c = mode === None ? 0.5 : (num(mode) - low) / (high - low);
    if (u > c) {
      u = 1 - u;
      c = 1 - c;
      [low, high] = [high, low];
    }
    return new PyFloat(low + (high - low) * Math.sqrt(u * c));
  },
  'getstate(self)': (g) => tuple([newInstance(randomType, g)]),
};

for (const [sig, f] of Object.entries(methods)) defineMethod(randomType, sig, ([self, ...rest]) => f(gen(self), rest));
defineStaticMethod(randomType, '__new__(cls, x=None)', ([cls, x]) => newInstance(cls as PyType, new MersenneTwister(seedValue(x === None ? 0 : x))));
defineMethod(randomType, '__init__(self, x=None)', () => None);

export function randomModule(interp: Interpreter): PyModule {
  const shared = newInstance(randomType, new MersenneTwister(BigInt(interp.options.seed ?? 0)));
  const attrs: Record<string, PyValue> = { Random: randomType, SystemRandom: randomType };
  for (const sig of Object.keys(methods)) {
    const name = sig.slice(0, sig.indexOf('('));
    const params = sig.slice(sig.indexOf('(') + 1, -1).split(',').slice(1).join(',');
    attrs[name] = native(`${name}(${params})`, (args) => methods[sig](gen(shared), args));
  }
  return makeModule('random', attrs);
}
