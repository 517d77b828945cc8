/** A ustar archive of the given files, gzipped with the platform's CompressionStream (tests only). */
export async function makeTarGz(
  files: readonly { path: string; text: string }[],
): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const blocks: Uint8Array[] = [];
  const put = (h: Uint8Array, at: number, s: string) => h.set(enc.encode(s), at);
  const dirs = [
    ...new Set(files.map((f) => f.path.split('/').slice(0, -1).join('/')).filter(Boolean)),
  ];
  const entries = [
    ...dirs.map((d) => ({ path: `${d}/`, body: new Uint8Array(0), type: '5' })),
    ...files.map((f) => ({ path: f.path, body: enc.encode(f.text), type: '0' })),
  ];
  for (const e of entries) {
    const h = new Uint8Array(512);
    put(h, 0, e.path);
    put(h, 100, '0000644\0');
    put(h, 108, '0000000\0');
    put(h, 116, '0000000\0');
    put(h, 124, `${e.body.length.toString(8).padStart(11, '0')}\0`);
    put(h, 136, '00000000000\0');
    h.fill(32, 148, 156);
    put(h, 156, e.type);
    put(h, 257, 'ustar\0');
    put(h, 263, '00');
    const sum = h.reduce((a, b) => a + b, 0);
    put(h, 148, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(h, e.body, new Uint8Array((512 - (e.body.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const tar = new Blob(blocks as Uint8Array<ArrayBuffer>[]);
  return new Uint8Array(
    await new Response(tar.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
  );
}
