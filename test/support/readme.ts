/** The README's examples, read from the file itself, so tests run exactly what users are told to run. */
import fs from 'node:fs';
import path from 'node:path';

export const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The README's inline code span that starts with `start` (spans may wrap lines), on one line. */
export function inlineExample(start: string): string {
  const at = README.indexOf('`' + start);
  if (at < 0) throw new Error(`README has no example starting with ${start}`);
  return README.slice(at + 1, README.indexOf('`', at + 1)).replace(/\s*\n\s*/g, ' ');
}

/** The numeric arguments of a call in an example, e.g. `{ lng: 118.7878, lat: 32.0543, radiusMeters: 1000 }`. */
export function numericArguments(example: string): Record<string, number> {
  const args = /\(([^)]*)\)/.exec(example)?.[1] ?? '';
  return Object.fromEntries([...args.matchAll(/(\w+):\s*(-?[\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
}
