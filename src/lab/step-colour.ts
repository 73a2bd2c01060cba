/**
 * The colour of a step, stable across sessions and shared by the tagging badges, the sidebar DAG
 * and the run viewer: the same name always gets the same colour.
 */

/**
 * Ten mid-tone colours that keep white text readable and stand out on both light and dark
 * themes (a colour-blind-friendly categorical palette).
 */
export const STEP_PALETTE: readonly string[] = [
  '#1f77b4',
  '#d45f00',
  '#2b8a3e',
  '#c2255c',
  '#7048e8',
  '#8c564b',
  '#0b7285',
  '#b7791f',
  '#5c7cfa',
  '#6b7280'
];

/** FNV-1a over UTF-16 code units: cheap, and spreads similar names apart. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function stepColourIndex(name: string): number {
  return hashName(name) % STEP_PALETTE.length;
}

/** A CSS colour for step `name`, alone (two names may get the same one: use `stepColours`). */
export function stepColour(name: string): string {
  return STEP_PALETTE[stepColourIndex(name)];
}

/**
 * The colours of a notebook's steps, distinct while there are no more steps than colours: each
 * name takes its own colour unless a name before it (in sorted order, so every view that has the
 * same names agrees) took it, then the next free one. Past the palette's size colours repeat.
 */
export function stepColours(names: Iterable<string>): Map<string, string> {
  const unique = [...new Set(names)].sort();
  const taken = new Set<number>();
  const colours = new Map<string, string>();
  for (const name of unique) {
    let index = stepColourIndex(name);
    if (taken.size < STEP_PALETTE.length) {
      while (taken.has(index)) {
        index = (index + 1) % STEP_PALETTE.length;
      }
    }
    taken.add(index);
    colours.set(name, STEP_PALETTE[index]);
  }
  return colours;
}
