// Direct-loop convolution (any rank, stride, dilation, padding, groups) for tiny problems, where
// the ~0.1 ms of a tfjs round trip (uploads, layout transposes, XNNPACK operator creation) would
// dwarf the arithmetic: a few thousand multiply-adds are cheaper in plain JS.
import type { ConvGeom } from './conv';

type Mode = 'forward' | 'input' | 'weight';

/**
 * One loop nest over every (n, o, output position, c, kernel tap) product; `mode` says which of
 * y += x·w, dx += gy·w, dw += gy·x it accumulates. `a`/`b` are (x, w), (gy, w) or (x, gy).
 */
export function directConv(g: ConvGeom, mode: Mode, a: Float32Array, b: Float32Array): Float32Array {
  const [D, H, W] = g.inS;
  const [oD, oH, oW] = g.out;
  const [kD, kH, kW] = g.k;
  const plane = D * H * W;
  const P = oD * oH * oW;
  const K = kD * kH * kW;
  const out = new Float32Array(mode === 'forward' ? g.N * g.O * P : mode === 'input' ? g.N * g.C * plane : g.O * g.Cg * K);
  for (let n = 0; n < g.N; n++) {
    for (let o = 0; o < g.O; o++) {
      const cBase = (n * g.C + Math.floor(o / g.Og) * g.Cg) * plane;
      for (let od = 0; od < oD; od++) {
        for (let oh = 0; oh < oH; oh++) {
          for (let ow = 0; ow < oW; ow++) {
            const yi = (n * g.O + o) * P + (od * oH + oh) * oW + ow;
            const gy = mode === 'forward' ? 0 : mode === 'input' ? a[yi] : b[yi];
            let acc = 0;
            for (let c = 0; c < g.Cg; c++) {
              for (let kd = 0; kd < kD; kd++) {
                const z = od * g.s[0] - g.pad[0] + kd * g.d[0];
                if (z < 0 || z >= D) continue;
                for (let kh = 0; kh < kH; kh++) {
                  const y = oh * g.s[1] - g.pad[1] + kh * g.d[1];
                  if (y < 0 || y >= H) continue;
                  for (let kw = 0; kw < kW; kw++) {
                    const x = ow * g.s[2] - g.pad[2] + kw * g.d[2];
                    if (x < 0 || x >= W) continue;
                    const xi = cBase + c * plane + (z * H + y) * W + x;
                    const wi = ((o * g.Cg + c) * kD + kd) * kH * kW + kh * kW + kw;
                    if (mode === 'forward') acc += a[xi] * b[wi];
                    else if (mode === 'input') out[xi] += gy * b[wi];
                    else out[wi] += gy * a[xi];
                  }
                }
              }
            }
            if (mode === 'forward') out[yi] = acc;
          }
        }
      }
    }
  }
  return out;
}
