/** Aligned plain-text tables for the terminal. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const last = header.length - 1;
  // The last column is not padded, and its rule is only as wide as its header.
  const widths = header.map((h, col) =>
    col === last ? h.length : Math.max(h.length, ...rows.map((r) => (r[col] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) => (col === cells.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
