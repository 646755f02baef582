// The one-line input syntax of the settings and the Set Model Inputs box, table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInputSpecs, parseInputSpecs } from '../../src/extension/inputSpec';

const good: [string, unknown][] = [
  ['', []],
  ['   ', []],
  ['1,3,32,32', [{ shape: [1, 3, 32, 32] }]],
  ['(1, 3, 32, 32)', [{ shape: [1, 3, 32, 32] }]],
  ['[2, 8]', [{ shape: [2, 8] }]],
  ['1,16:int64[0,1000)', [{ shape: [1, 16], dtype: 'int64', low: 0, high: 1000 }]],
  ['1,3,32,32; 1,10:float64', [{ shape: [1, 3, 32, 32] }, { shape: [1, 10], dtype: 'float64' }]],
  ['4:bool', [{ shape: [4], dtype: 'bool' }]],
  ['0,5', [{ shape: [0, 5] }]],
];

test('parses valid input texts', () => {
  for (const [text, want] of good) {
    const r = parseInputSpecs(text);
    assert.ok(r.ok, `${text}: ${!r.ok && r.error}`);
    assert.deepEqual(r.inputs, want, text);
  }
});

const bad: [string, RegExp][] = [
  ['1,,3', /'' is not a non-negative integer dimension/],
  ['1,-3', /'-3' is not a non-negative integer dimension/],
  ['1,3.5', /expected a shape|'3.5' is not/],
  ['1,3:float128', /unknown dtype 'float128'/],
  ['1,3:int64[5,5)', /the range \[5,5\) is empty/],
  ['1,3; ', /input 2 \(''\): the shape is empty/],
  ['abc', /'abc' is not a non-negative integer dimension/],
  ['1,16 : torch.long', /unknown dtype 'torch.long'/],
  ['1,3:int64[0,10', /expected a shape/],
];

test('rejects bad input texts with a message that says what is wrong', () => {
  for (const [text, re] of bad) {
    const r = parseInputSpecs(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.match(r.error, re, text);
  }
});

test('format is the inverse of parse', () => {
  for (const text of ['1,3,32,32', '1,16:int64[0,1000); 2,4:float16', '']) {
    const r = parseInputSpecs(text);
    assert.ok(r.ok);
    assert.equal(formatInputSpecs(r.inputs), text);
  }
});
