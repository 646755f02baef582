// Random number generators, as PyTorch's CPU generator: an mt19937 engine seeded from a 64-bit seed
// (low 32 bits feed mt19937), 32-bit draws and 64-bit draws made of two (hi first), plus the cached
// second Box-Muller sample. Same seed, same stream as torch on the CPU.
import { runtimeError, typeError, valueError } from './errors';

const N = 624;
const M = 397;
/** The seed a fresh torch.Generator() starts from (PyTorch's default_rng_seed_val). */
export const DEFAULT_SEED = 67280421310721n;
const U64 = (1n << 64n) - 1n;

function toSeed(seed: number | bigint): bigint {
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw typeError(`manual_seed expected a finite number, got ${seed}`);
  // torch.manual_seed calls int(seed), so a float truncates.
  const s = typeof seed === 'number' ? BigInt(Math.trunc(seed)) : seed;
  // PyTorch accepts [-2**63, 2**64) and wraps negatives to uint64.
  if (s < -(1n << 63n) || s > U64) throw valueError('Overflow when unpacking long long');
  return s & U64;
}

export class Generator {
  readonly device = 'cpu';
  private mt = new Uint32Array(N);
  private mti = N;
  private seedValue = DEFAULT_SEED;
  /** The cached sin() half of the last scalar Box-Muller pair (PyTorch's next_double_normal_sample). */
  nextDoubleNormal: number | null = null;
  nextFloatNormal: number | null = null;

  /** Fresh from seeding: PyTorch's engine then reports next = 0 rather than 624. */
  private fresh = true;

  /** torch.Generator(device='cpu'): starts from PyTorch's default seed. */
  constructor(device = 'cpu') {
    if (device !== 'cpu') throw runtimeError(`Device type ${device.toUpperCase()} is not supported for torch.Generator() api.`);
    this.manual_seed(DEFAULT_SEED);
  }

  manual_seed(seed: number | bigint): this {
    const s = toSeed(seed);
    this.seedValue = s;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    const mt = this.mt;
    mt[0] = Number(s & 0xffffffffn);
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in uint32 arithmetic.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
    this.fresh = true;
    return this;
  }

  /** Generator.seed(): reseeds from a nondeterministic source and returns the seed. */
  seed(): bigint {
    const hi = BigInt(Math.floor(Math.random() * 2 ** 32));
    const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
    const s = (hi << 32n) | lo;
    this.manual_seed(s);
    return s;
  }

  /** The seed as PyTorch reports it (a Python int; a JS number when exact, else a BigInt). */
  initial_seed(): number | bigint {
    return this.seedValue <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(this.seedValue) : this.seedValue;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      let v = mt[(i + M) % N] ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    this.mti = 0;
    this.fresh = false;
  }

  /** One 32-bit draw (PyTorch's CPUGeneratorImpl::random). */
  random(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A 64-bit draw as BigInt: the first 32-bit draw is the high half. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** uniform_real_distribution<double>(0, 1): the low 53 bits of a 64-bit draw, times 2**-53. */
  uniformDouble(): number {
    const hi = this.random();
    const lo = this.random();
    return ((hi & 0x1fffff) * 4294967296 + lo) * 2 ** -53;
  }

  /** uniform_real_distribution<float>(0, 1): the low 24 bits of a 32-bit draw, times 2**-24. */
  uniformFloat(): number {
    return (this.random() & 0xffffff) * 2 ** -24;
  }

  /** normal_distribution<double>: Box-Muller on two doubles, caching the sine half for the next call. */
  normalDouble(mean: number, std: number): number {
    if (this.nextDoubleNormal !== null) {
      const r = this.nextDoubleNormal;
      this.nextDoubleNormal = null;
      return r * std + mean;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const r = Math.sqrt(-2.0 * Math.log1p(-u2));
    const theta = 2.0 * Math.PI * u1;
    this.nextDoubleNormal = r * Math.sin(theta);
    return r * Math.cos(theta) * std + mean;
  }

  /**
   * get_state(): the state in PyTorch's CPUGeneratorImplState byte layout (5056 bytes: seed, mt19937
   * left/next counters, 624 state words as uint64, the cached normals), so states move both ways.
   */
  get_state(): Uint8Array {
    const dv = new DataView(new ArrayBuffer(STATE_BYTES));
    dv.setBigUint64(0, this.seedValue, true);
    dv.setInt32(8, N + 1 - this.mti, true); // PyTorch's mt19937 counts draws left before a twist
    dv.setInt32(12, 1, true);
    dv.setBigUint64(16, BigInt(this.fresh ? 0 : this.mti), true);
    for (let i = 0; i < N; i++) dv.setBigUint64(24 + i * 8, BigInt(this.mt[i]), true);
    if (this.nextDoubleNormal !== null) {
      dv.setFloat64(OFF_NORMAL_Y, this.nextDoubleNormal, true);
      dv.setInt32(OFF_NORMAL_VALID, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      dv.setFloat32(OFF_FLOAT_NORMAL, this.nextFloatNormal, true);
      dv.setUint8(OFF_FLOAT_NORMAL + 4, 1);
    }
    return new Uint8Array(dv.buffer);
  }

  set_state(state: ArrayLike<number>): this {
    if (state.length !== STATE_BYTES) {
      throw runtimeError(`Expected a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${state.length}`);
    }
    const dv = new DataView(Uint8Array.from(state).buffer);
    const left = dv.getInt32(8, true);
    if (left < 1 || left > N) throw runtimeError('Invalid mt19937 state');
    this.seedValue = dv.getBigUint64(0, true);
    this.mti = N + 1 - left;
    this.fresh = dv.getBigUint64(16, true) === 0n && left === 1;
    for (let i = 0; i < N; i++) this.mt[i] = Number(dv.getBigUint64(24 + i * 8, true) & 0xffffffffn);
    this.nextDoubleNormal = dv.getInt32(OFF_NORMAL_VALID, true) ? dv.getFloat64(OFF_NORMAL_Y, true) : null;
    this.nextFloatNormal = dv.getUint8(OFF_FLOAT_NORMAL + 4) ? dv.getFloat32(OFF_FLOAT_NORMAL, true) : null;
    return this;
  }

  toString(): string {
    return '<torch._C.Generator object>';
  }
}

// CPUGeneratorImplState: legacy pod (u64 seed, i32 left, i32 seeded, u64 next, u64 state[624],
// f64 normal_x, normal_y, normal_rho, i32 normal_is_valid), then f32 + bool for float normals.
const OFF_NORMAL_Y = 24 + N * 8 + 8;
const OFF_NORMAL_VALID = 24 + N * 8 + 24;
const OFF_FLOAT_NORMAL = 24 + N * 8 + 32;
const STATE_BYTES = 5056;

/**
 * The default CPU generator. PyTorch seeds it nondeterministically at startup; we start it from a
 * fixed seed instead so that an inspection run is reproducible unless the user seeds it.
 */
export const default_generator = new Generator();

/** torch.manual_seed(seed): seeds the default generator and returns it. */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}

export const initial_seed = (): number | bigint => default_generator.initial_seed();
export const seed = (): bigint => default_generator.seed();
