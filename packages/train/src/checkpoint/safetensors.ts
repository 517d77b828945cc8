/**
 * The safetensors file format (https://github.com/huggingface/safetensors), written and read
 * without dependencies so PyTorch, JAX and Rust tools can read our weights:
 *
 *   8 bytes   N, the header length, unsigned 64-bit little-endian
 *   N bytes   JSON header: { "__metadata__": { str: str }, name: { dtype, shape, data_offsets } }
 *             (we pad it with spaces to a multiple of 8, as the reference writer does)
 *   rest      raw little-endian tensor data; data_offsets [begin, end) are relative to here,
 *             and together they cover it with no holes or overlaps
 *
 * We write F32, I32 and BOOL; we read F32, F64, F16, BF16 (converted to float32), I32, I64,
 * I16, I8, U8 (converted to int32) and BOOL.
 */
import { DataFormatError } from '@recurrent/errors';
import { sizeOfShape, type TensorRecord } from './tensor-record.js';

const writeDtype = { float32: 'F32', int32: 'I32', bool: 'BOOL' } as const;
const bytesPerElement: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};
const maxHeaderBytes = 100_000_000; // the reference implementation's limit

export interface SafetensorsContents {
  /** Tensors in file order (the order of their data). */
  tensors: Map<string, TensorRecord>;
  /** The free-form string map under `__metadata__` ({} when absent). */
  metadata: Record<string, string>;
}

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new DataFormatError(
      'safetensors: this platform is big-endian; only little-endian hosts are supported.',
    );
  }
}

/**
 * Encodes named tensors (in the given order) and string metadata into safetensors bytes.
 *
 * @example
 * const bytes = encodeSafetensors(new Map([['lstm_0/kernel', { dtype: 'float32', shape: [2], data: new Float32Array([1, -2]) }]]));
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, TensorRecord> | Iterable<readonly [string, TensorRecord]>,
  metadata: Record<string, string> = {},
): Uint8Array {
  assertLittleEndian();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, record] of tensors) {
    if (name === '__metadata__' || name.length === 0 || name in header) {
      throw new DataFormatError(
        `encodeSafetensors: tensor name "${name}" is empty, reserved or repeated.`,
      );
    }
    const dtype = writeDtype[record.dtype];
    if (!dtype)
      throw new DataFormatError(
        `encodeSafetensors: "${name}" has unsupported dtype ${record.dtype}.`,
      );
    const count = sizeOfShape(record.shape);
    if (record.data.length !== count) {
      throw new DataFormatError(
        `encodeSafetensors: "${name}" has shape [${record.shape.join(', ')}] (${count} values) but ${record.data.length} values.`,
      );
    }
    const bytes = new Uint8Array(
      record.data.buffer,
      record.data.byteOffset,
      record.data.byteLength,
    );
    header[name] = { dtype, shape: record.shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  const headerBytes0 = new TextEncoder().encode(json);
  json += ' '.repeat((8 - (headerBytes0.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes.length, true); // low 32 bits of the u64
  view.setUint32(4, Math.floor(headerBytes.length / 2 ** 32), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fail(where: string, what: string): never {
  throw new DataFormatError(`${where}: not a valid safetensors file: ${what}.`);
}

function toRecord(dtype: string, shape: number[], raw: Uint8Array): TensorRecord {
  const buf = raw.slice().buffer; // aligned copy
  const n = sizeOfShape(shape);
  switch (dtype) {
    case 'F32':
      return { dtype: 'float32', shape, data: new Float32Array(buf) };
    case 'F64':
      return { dtype: 'float32', shape, data: Float32Array.from(new Float64Array(buf)) };
    case 'F16':
    case 'BF16': {
      const halves = new Uint16Array(buf);
      const out = new Float32Array(n);
      const f32 = new Float32Array(1);
      const u32 = new Uint32Array(f32.buffer);
      for (let i = 0; i < n; i++) {
        const h = halves[i] as number;
        if (dtype === 'BF16') {
          u32[0] = h << 16;
          out[i] = f32[0] as number;
        } else {
          const sign = h & 0x8000 ? -1 : 1;
          const exp = (h >> 10) & 0x1f;
          const frac = h & 0x3ff;
          out[i] =
            exp === 0
              ? sign * 2 ** -14 * (frac / 1024)
              : exp === 31
                ? frac
                  ? Number.NaN
                  : sign * Number.POSITIVE_INFINITY
                : sign * 2 ** (exp - 15) * (1 + frac / 1024);
        }
      }
      return { dtype: 'float32', shape, data: out };
    }
    case 'I32':
      return { dtype: 'int32', shape, data: new Int32Array(buf) };
    case 'I64':
      return {
        dtype: 'int32',
        shape,
        data: Int32Array.from(new BigInt64Array(buf), (v) => Number(v)),
      };
    case 'I16':
      return { dtype: 'int32', shape, data: Int32Array.from(new Int16Array(buf)) };
    case 'I8':
      return { dtype: 'int32', shape, data: Int32Array.from(new Int8Array(buf)) };
    case 'U8':
      return { dtype: 'int32', shape, data: Int32Array.from(new Uint8Array(buf)) };
    default: // BOOL
      return { dtype: 'bool', shape, data: new Uint8Array(buf) };
  }
}

/**
 * Decodes safetensors bytes, checking the layout the format requires. `where` names the file
 * in error messages.
 */
export function decodeSafetensors(bytes: Uint8Array, where = 'safetensors'): SafetensorsContents {
  assertLittleEndian();
  if (bytes.length < 8) fail(where, `${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > maxHeaderBytes || 8 + headerLength > bytes.length) {
    fail(
      where,
      `the header claims ${headerLength} bytes but the file has ${bytes.length - 8} after the length`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (cause) {
    throw new DataFormatError(
      `${where}: not a valid safetensors file: the header is not UTF-8 JSON.`,
      { cause },
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail(where, 'the header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const entries: { name: string; dtype: string; shape: number[]; begin: number; end: number }[] =
    [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (
        typeof value !== 'object' ||
        value === null ||
        Object.values(value).some((v) => typeof v !== 'string')
      ) {
        fail(where, '__metadata__ must map strings to strings');
      }
      metadata = value as Record<string, string>;
      continue;
    }
    const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = String(info?.dtype);
    const shape = info?.shape;
    const offsets = info?.data_offsets;
    if (!(dtype in bytesPerElement)) {
      fail(
        where,
        `"${name}" has dtype ${dtype}; supported: ${Object.keys(bytesPerElement).join(', ')}`,
      );
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      fail(where, `"${name}" has no valid shape`);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0)
    ) {
      fail(where, `"${name}" has no valid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const expected = sizeOfShape(shape as number[]) * (bytesPerElement[dtype] as number);
    if (end - begin !== expected) {
      fail(
        where,
        `"${name}" (${dtype} [${(shape as number[]).join(', ')}]) needs ${expected} bytes, its offsets span ${end - begin}`,
      );
    }
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of entries) {
    if (e.begin !== covered)
      fail(
        where,
        `the data of "${e.name}" starts at ${e.begin}, expected ${covered} (a hole or an overlap)`,
      );
    covered = e.end;
  }
  if (covered !== dataLength) {
    fail(
      where,
      `the tensors cover ${covered} data bytes but the file holds ${dataLength} (truncated or padded)`,
    );
  }
  const tensors = new Map<string, TensorRecord>();
  for (const e of entries) {
    tensors.set(
      e.name,
      toRecord(e.dtype, e.shape, bytes.subarray(dataStart + e.begin, dataStart + e.end)),
    );
  }
  return { tensors, metadata };
}
