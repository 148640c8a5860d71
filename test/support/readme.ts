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

/** The README's fenced code block whose text contains `marker` (without the fences). */
export function fencedBlock(marker: string): string {
  const blocks = [...README.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => b.includes(marker));
  if (!block) throw new Error(`README has no code block containing ${marker}`);
  return block;
}

/**
 * The options of the README's `govgraph <command>` invocation that starts with `start`
 * (`--name value` pairs, quotes removed), e.g. `{ dept: 'tax', user: 't1', division: '320115' }`.
 */
export function cliOptions(start: string): Record<string, string> {
  const at = README.indexOf(start);
  if (at < 0) throw new Error(`README has no command starting with ${start}`);
  // Inside an inline code span the command runs to the closing backtick (it may wrap lines);
  // in a shell block, to the end of the line (`\` continues it) or the `)` closing `$( … )`.
  const rest = README.slice(at);
  const line = README[at - 1] === '`' ? rest.slice(0, rest.indexOf('`')) : rest.split(/(?<!\\)\n|\)/)[0].replace(/\\\n/g, ' ');
  const options: Record<string, string> = {};
  for (const m of line.matchAll(/--([a-z-]+)\s+("[^"]*"|\S+)/g)) {
    options[m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = m[2].replace(/^"|"$/g, '');
  }
  return options;
}
