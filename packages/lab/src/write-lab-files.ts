/**
 * Writes a lab's output files into a folder (Node only: `node:fs` is loaded when called, so
 * importing the package in a browser costs nothing). Each file goes to a temporary name
 * first and is then renamed, so a kill leaves either the old file or the new one.
 */

/**
 * @example
 * await writeLabFiles('lab-vanishing', { 'vanishing.json': '{}' }); // ['lab-vanishing/vanishing.json']
 */
export async function writeLabFiles(
  folder: string,
  files: Readonly<Record<string, string>>,
): Promise<string[]> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(folder, name);
    await fs.writeFile(`${target}.tmp`, text);
    await fs.rename(`${target}.tmp`, target);
    written.push(target);
  }
  return written;
}
