import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { parseJsonValues, sliceJsonValues } from '../../../../src/telemetry/real/json-values.js';

describe('sliceJsonValues', () => {
  it('opens a top-level array into its elements, each with the line it starts on', () => {
    const text = '[\n  {"a": 1},\n  {\n    "b": "x]}"\n  }\n]\n';
    expect(sliceJsonValues(text)).toEqual([
      { text: '{"a": 1}', line: 2 },
      { text: '{\n    "b": "x]}"\n  }', line: 3 },
    ]);
  });

  it('cuts values written one after another', () => {
    const slices = sliceJsonValues('{\n"a": 1\n}\n{\n"a": "\\"}"\n}\n');
    expect(slices.map((slice) => slice.line)).toEqual([1, 4]);
    expect(slices.map((slice) => JSON.parse(slice.text) as unknown)).toEqual([{ a: 1 }, { a: '"}' }]);
  });

  it('keeps scalar elements as slices of their own, so they are reported rather than lost', () => {
    expect(sliceJsonValues('[{"a":1}, 3, null]').map((slice) => slice.text)).toEqual(['{"a":1}', '3', 'null']);
  });

  it('leaves an unparseable slice at the end of an unterminated array', () => {
    const slices = sliceJsonValues('[\n{"a":1},\n');
    expect(slices.at(-1)).toEqual({ text: '', line: 3 });
  });
});

describe('parseJsonValues', () => {
  it('names the file and line of the first record that is not JSON', () => {
    const parse = () => parseJsonValues('{"a":1}\n{"a":}', 'sample.json');
    expect(parse).toThrow(SocAgentError);
    expect(parse).toThrow(/^sample\.json:2: not JSON/);
  });
});
