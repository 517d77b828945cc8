import { DataFormatError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import type { TensorRecord } from './tensor-record.js';

// Built by hand from the format description (huggingface/safetensors README): a u64 LE header
// length (144 = 0x90: 138 bytes of JSON + 6 spaces to reach a multiple of 8), the JSON header,
// then a = [1, -2] as F32 LE (00 00 80 3f, 00 00 00 c0) and b = 7 as I32 LE (07 00 00 00).
const headerJson =
  '{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
  '"b":{"dtype":"I32","shape":[],"data_offsets":[8,12]}}';
const handBuilt = new Uint8Array([
  0x90,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  ...new TextEncoder().encode(headerJson),
  0x20,
  0x20,
  0x20,
  0x20,
  0x20,
  0x20,
  0x00,
  0x00,
  0x80,
  0x3f,
  0x00,
  0x00,
  0x00,
  0xc0,
  0x07,
  0x00,
  0x00,
  0x00,
]);

const a: TensorRecord = { dtype: 'float32', shape: [2], data: new Float32Array([1, -2]) };
const b: TensorRecord = { dtype: 'int32', shape: [], data: new Int32Array([7]) };

function withHeader(header: object, data: number[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('encodes byte for byte like the format description', () => {
    expect(handBuilt.length).toBe(8 + 144 + 12);
    const bytes = encodeSafetensors(
      new Map([
        ['a', a],
        ['b', b],
      ]),
      { format: 'pt' },
    );
    expect(Array.from(bytes)).toEqual(Array.from(handBuilt));
  });

  it('decodes the hand-built file', () => {
    const { tensors, metadata } = decodeSafetensors(handBuilt);
    expect(metadata).toEqual({ format: 'pt' });
    expect([...tensors.keys()]).toEqual(['a', 'b']);
    expect(tensors.get('a')).toEqual(a);
    expect(tensors.get('b')).toEqual(b);
  });

  it('round-trips names with slashes, bools, empty tensors and keeps the order', () => {
    const records = new Map<string, TensorRecord>([
      [
        'lstm_0/recurrent_kernel',
        { dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
      ],
      ['lstm_0/bias', { dtype: 'float32', shape: [0], data: new Float32Array([]) }],
      ['flags', { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]) }],
      ['dense_0/kernel', { dtype: 'float32', shape: [1], data: new Float32Array([Number.NaN]) }],
    ]);
    const back = decodeSafetensors(encodeSafetensors(records)).tensors;
    expect([...back.keys()]).toEqual([...records.keys()]);
    for (const [name, r] of records) expect(back.get(name)).toEqual(r);
  });

  it('reads the dtypes PyTorch writes: F64, F16, BF16, I64, U8', () => {
    // 1.5 as F64; 1.5 and -2 as F16 (0x3e00, 0xc000); 1.5 as BF16 (0x3fc0); -3 as I64; 200 as U8.
    const f64 = Array.from(new Uint8Array(new Float64Array([1.5]).buffer));
    const file = withHeader(
      {
        d: { dtype: 'F64', shape: [1], data_offsets: [0, 8] },
        h: { dtype: 'F16', shape: [2], data_offsets: [8, 12] },
        bf: { dtype: 'BF16', shape: [1], data_offsets: [12, 14] },
        l: { dtype: 'I64', shape: [1], data_offsets: [14, 22] },
        u: { dtype: 'U8', shape: [1], data_offsets: [22, 23] },
      },
      [
        ...f64,
        0x00,
        0x3e,
        0x00,
        0xc0,
        0xc0,
        0x3f,
        0xfd,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        200,
      ],
    );
    const t = decodeSafetensors(file).tensors;
    expect(Array.from(t.get('d')!.data)).toEqual([1.5]);
    expect(Array.from(t.get('h')!.data)).toEqual([1.5, -2]);
    expect(Array.from(t.get('bf')!.data)).toEqual([1.5]);
    expect(t.get('l')).toEqual({ dtype: 'int32', shape: [1], data: new Int32Array([-3]) });
    expect(Array.from(t.get('u')!.data)).toEqual([200]);
  });

  it('rejects truncated, padded and malformed files with the reason', () => {
    const err = (bytes: Uint8Array) => {
      try {
        decodeSafetensors(bytes, 'run/latest/weights.safetensors');
      } catch (e) {
        expect(e).toBeInstanceOf(DataFormatError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(err(handBuilt.subarray(0, 5))).toContain(
      '5 bytes, shorter than the 8-byte header length',
    );
    expect(err(handBuilt.subarray(0, 100))).toContain(
      'the header claims 144 bytes but the file has 92',
    );
    expect(err(handBuilt.subarray(0, handBuilt.length - 1))).toBe(
      'run/latest/weights.safetensors: not a valid safetensors file: the tensors cover 12 data bytes but the file holds 11 (truncated or padded).',
    );
    expect(
      err(withHeader({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0])),
    ).toContain('"x" (F32 [2]) needs 8 bytes, its offsets span 4');
    expect(
      err(
        withHeader(
          {
            x: { dtype: 'U8', shape: [1], data_offsets: [0, 1] },
            y: { dtype: 'U8', shape: [1], data_offsets: [2, 3] },
          },
          [1, 2, 3],
        ),
      ),
    ).toContain('the data of "y" starts at 2, expected 1 (a hole or an overlap)');
    expect(
      err(withHeader({ x: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, [0])),
    ).toContain('"x" has dtype C64; supported:');
    expect(err(new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7b]))).toContain(
      'the header is not UTF-8 JSON',
    );
  });

  it('refuses to write a record whose data does not fit its shape', () => {
    expect(() =>
      encodeSafetensors([['w', { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) }]]),
    ).toThrow('encodeSafetensors: "w" has shape [2, 2] (4 values) but 3 values.');
  });
});
