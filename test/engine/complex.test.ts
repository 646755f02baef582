// complex64 as RoPE uses it, against test/golden/complex.json (real PyTorch): values and input
// gradients through view_as_complex / polar / complex mul / view_as_real, reprs, errors, and the
// NotImplementedError every real-only kernel raises instead of reading (real, imag) pairs as numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch, Tensor, TorchError, index, index_put_, pySlice } from '../../src/engine';

interface Spec { shape: number[]; data: number[] }
const golden = JSON.parse(readFileSync(new URL('../golden/complex.json', import.meta.url), 'utf8'));

const leaf = (s: Spec, grad = false): Tensor => {
  const t = torch.tensor(s.data, { dtype: 'float32' }).reshape(s.shape);
  return grad ? t.requires_grad_() : t;
};

function close(actual: Tensor | null, expected: Spec, what: string, atol = 1e-5): void {
  assert.ok(actual, `${what}: missing`);
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const got = Array.from(actual.contiguous()._data());
  got.forEach((v, i) => {
    const e = expected.data[i];
    assert.ok(Math.abs(v - e) <= atol + 1e-5 * Math.abs(e), `${what}[${i}]: ${v} vs ${e}`);
  });
}

const throwsTorch = (f: () => unknown, kind: string, message: string) =>
  assert.throws(f, (e: unknown) => e instanceof TorchError && e.kind === kind && e.message === message);

describe('complex64 against PyTorch', () => {
  test('Llama RoPE: values, gradients of q and of the angles (through polar)', () => {
    const g = golden.rope;
    const q = leaf(g.q, true), k = leaf(g.k, true), angles = leaf(g.angles, true), w = leaf(g.w);
    const [B, T, H, D] = g.q.shape as number[];
    const freqsCis = torch.polar(torch.ones_like(angles), angles);
    close(torch.view_as_real(freqsCis), g.freqs_cis_real, 'freqs_cis');
    const q_ = torch.view_as_complex(q.float().reshape([B, T, H, -1, 2]));
    assert.equal(q_.dtype, 'complex64');
    assert.deepEqual(q_.shape, [B, T, H, D / 2]);
    const k_ = torch.view_as_complex(k.float().reshape([B, T, H, -1, 2]));
    const fc = freqsCis.view([1, T, 1, D / 2]); // shared by q and k: its complex gradients accumulate
    const out = torch.view_as_real(q_.mul(fc)).flatten(3).type_as(q);
    const outK = torch.view_as_real(k_.mul(fc)).flatten(3).type_as(k);
    close(out, g.out, 'out');
    close(outK, g.out_k, 'out_k');
    out.mul(w).add(outK.mul(outK)).sum().backward();
    close(q.grad, g.grad_q, 'q.grad');
    close(k.grad, g.grad_k, 'k.grad');
    close(angles.grad, g.grad_angles, 'angles.grad');
  });

  test('complex x complex (broadcast) x real, + complex, - scalar: values and all real-leaf gradients', () => {
    const g = golden.mul;
    const leaves = [g.ar, g.ai, g.br, g.bi, g.s].map((s: Spec) => leaf(s, true));
    const [ar, ai, br, bi, s] = leaves;
    const out = torch.complex(ar, ai).mul(torch.complex(br, bi)).mul(s).add(torch.complex(br, ar.select(0, 0))).sub(0.5);
    assert.equal(out.dtype, 'complex64');
    const r = torch.view_as_real(out);
    close(r, g.out, 'out');
    r.mul(leaf(g.w)).sum().backward();
    leaves.forEach((t, i) => close(t.grad, g.grads[i], `grad ${i}`));
  });

  test('advanced indexing, cat, stack, repeat (values and gradients) and setitem', () => {
    const g = golden.ops;
    const a = leaf(g.a, true);
    const c = torch.view_as_complex(a.reshape([3, 2, 2]));
    const picked = index(c, [torch.tensor([2, 0])]);
    const y = torch.view_as_real(torch.cat([picked, index(c.repeat(1, 2), [pySlice(null), pySlice(1, 3)])], 0));
    const s = torch.view_as_real(torch.stack([c, c.mul(c)], -1));
    close(y, g.y, 'y');
    close(s, g.s, 's');
    y.mul(leaf(g.w1)).sum().add(s.mul(leaf(g.w2)).sum()).backward();
    close(a.grad, g.grad_a, 'a.grad');
    const z = c.detach().clone();
    index_put_(z, [1], 5);
    index_put_(z, [torch.tensor([0, 2]), 1], torch.complex(torch.tensor(-1, { dtype: 'float32' }), torch.tensor(2, { dtype: 'float32' })));
    close(torch.view_as_real(z), g.setitem, 'setitem');
  });

  test('repr as PyTorch prints complex tensors', () => {
    for (const c of golden.reprs) {
      const f = (v: number[]) => torch.tensor(v, { dtype: 'float32' });
      const t = torch.complex(f(c.real), f(c.imag)).reshape(c.shape);
      assert.equal(t.toString(), c.repr);
    }
  });

  test("view_as_complex / view_as_real errors use PyTorch's wording", () => {
    const make: Record<string, () => Tensor> = {
      'last dim not 2': () => torch.zeros([3, 3]),
      'last dim stride not 1': () => torch.zeros([2, 3]).t(),
      'odd stride': () => torch.zeros([3, 3])._slice(1, 0, 2),
    };
    for (const e of golden.errors) {
      if (e.name === 'view_as_real of real') throwsTorch(() => torch.view_as_real(torch.zeros([2])), 'RuntimeError', e.message);
      else throwsTorch(() => torch.view_as_complex(make[e.name]()), 'RuntimeError', e.message);
    }
  });
});

describe('complex64 layout and guards', () => {
  const c = () => torch.view_as_complex(torch.arange(12, null, 1, { dtype: 'float32' }).reshape([3, 2, 2]));

  test('view_as_complex and view_as_real share storage both ways', () => {
    const x = torch.arange(8, null, 1, { dtype: 'float32' }).reshape([2, 2, 2]);
    const z = torch.view_as_complex(x);
    assert.equal(z._box, x._box);
    const r = torch.view_as_real(z.transpose(0, 1));
    assert.deepEqual(r.shape, [2, 2, 2]);
    assert.deepEqual(r.stride(), [2, 4, 1]);
    z.real.mul_(10);
    assert.deepEqual(Array.from(x.contiguous()._data()), [0, 1, 20, 3, 40, 5, 60, 7]);
  });

  test('geometry ops, contiguous copies and casts keep (real, imag) pairs together', () => {
    const z = c();
    const t = z.transpose(0, 1).contiguous();
    assert.deepEqual(t.shape, [2, 3]);
    assert.deepEqual(Array.from(torch.view_as_real(t).contiguous()._data()), [0, 1, 4, 5, 8, 9, 2, 3, 6, 7, 10, 11]);
    assert.deepEqual(Array.from(z.select(0, 2).imag.contiguous()._data()), [9, 11]);
    assert.deepEqual(Array.from(z.to('float32').contiguous()._data()), [0, 2, 4, 6, 8, 10]);
    const up = torch.tensor([1.5, -2]).to('complex64');
    assert.equal(up.toString(), 'tensor([ 1.5000+0.j, -2.0000+0.j])');
    assert.equal(z.clone().is_complex(), true);
  });

  test('real-only kernels refuse complex input with NotImplementedError naming the op', () => {
    const z = c();
    throwsTorch(() => z.exp(), 'NotImplementedError', `"exp" not implemented for 'ComplexFloat'`);
    throwsTorch(() => z.div(z), 'NotImplementedError', `"div" not implemented for 'ComplexFloat'`);
    throwsTorch(() => z.relu(), 'NotImplementedError', `"relu" not implemented for 'ComplexFloat'`);
    throwsTorch(() => z.sum(), 'NotImplementedError', `"sum" not implemented for 'ComplexFloat'`);
    throwsTorch(() => torch.mm(z, z.t()), 'NotImplementedError', `"addmm_impl_cpu_" not implemented for 'ComplexFloat'`);
    assert.throws(() => z.max(), (e: unknown) => e instanceof TorchError && e.kind === 'NotImplementedError');
  });

  test('in-place writes keep (real, imag) pairs: add_, copy_ from real and complex, fill_, zero_', () => {
    const z = c().clone();
    z.add_(torch.view_as_complex(torch.ones([3, 2, 2])));
    assert.deepEqual(Array.from(torch.view_as_real(z).contiguous()._data()), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    z.select(1, 0).copy_(torch.tensor([-1, -2, -3], { dtype: 'float32' }));
    assert.deepEqual(Array.from(z.real.contiguous()._data()), [-1, 3, -2, 7, -3, 11]);
    assert.deepEqual(Array.from(z.imag.contiguous()._data()), [0, 4, 0, 8, 0, 12]);
    z.select(1, 1).fill_(7);
    assert.equal(z.toString(), 'tensor([[-1.+0.j,  7.+0.j],\n        [-2.+0.j,  7.+0.j],\n        [-3.+0.j,  7.+0.j]])');
    z.zero_();
    assert.deepEqual(Array.from(z._rawData()), new Array(12).fill(0));
  });

  test('polar / complex reject non-float32 parts', () => {
    throwsTorch(() => torch.polar(torch.ones([2]), torch.arange(2)), 'RuntimeError', 'Expected both inputs to be Half, Float or Double tensors but got Float and Long');
  });
});

test('kernels without complex support refuse complex input instead of reading (re, im) pairs as elements', () => {
  const z = torch.view_as_complex(torch.ones([4, 2]));
  assert.throws(() => torch.sort(z), /not implemented for 'ComplexFloat'/);
  assert.throws(() => torch.gather(z, 0, torch.tensor([0, 1])), /not implemented for 'ComplexFloat'/);
  assert.throws(() => torch.cumsum(z, 0), /not implemented for 'ComplexFloat'/);
});
