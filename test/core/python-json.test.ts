// compactJson and pythonFloat take shortcuts for the common case (a string that needs no escape, a
// float without an exponent); these pin that the shortcuts write what the general path writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactJson } from '../../src/core/python-json.js';
import { PyFloat, pythonFloat } from '../../src/core/python-format.js';

test('compactJson writes every string as JSON.stringify does (non-ASCII kept, controls and lone surrogates escaped)', () => {
  const strings = ['', 'plain text', 'a "quote"', 'back\\slash', 'tab\there', 'new\nline', '\u0000\u001f\u007f', 'café ☕', '日本', '\ud83d\ude00', 'lone \ud800 high', 'lone \udc00 low', '</script>', "it's", '~ { } [ ]'];
  for (const s of strings) {
    assert.equal(compactJson(s), JSON.stringify(s), JSON.stringify(s));
    assert.equal(compactJson({ [s]: s }), `{${JSON.stringify(s)}:${JSON.stringify(s)}}`, `as a key: ${JSON.stringify(s)}`);
  }
  assert.equal(compactJson({ a: [1, 'x', null, true, undefined], b: { c: new PyFloat(2) }, d: undefined }), '{"a":[1,"x",null,true,null],"b":{"c":2.0}}');
});

test('pythonFloat writes repr(float): a fraction or an exponent, two exponent digits at least', () => {
  const cases: [number, string][] = [
    [1764482401, '1764482401.0'],
    [1764482401.5, '1764482401.5'],
    [0, '0.0'],
    [-0.25, '-0.25'],
    [1e21, '1e+21'],
    [1.5e-7, '1.5e-07'],
    [1e-10, '1e-10'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ];
  for (const [value, repr] of cases) assert.equal(pythonFloat(value), repr, String(value));
});
