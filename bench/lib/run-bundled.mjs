// Bundles a bench written in TypeScript (with esbuild, as the engine is bundled) into
// bench/.build; runBundled also runs it in this Node and writes what it prints (JSON) to
// bench/results/NAME.json.
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/lib/node-bundle.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

/** Bundles `entry` to bench/.build/NAME.cjs (and makes bench/results); gives that path. */
export async function bundleBench(entry, name) {
  mkdirSync('bench/.build', { recursive: true });
  mkdirSync('bench/results', { recursive: true });
  const outfile = `bench/.build/${name}.cjs`;
  await build({
    entryPoints: [entry],
    outfile,
    ...nodeBundleOptions
  });
  return outfile;
}

/** The bench's output, parsed. */
export async function runBundled(entry, name, args = []) {
  const outfile = await bundleBench(entry, name);
  const out = execFileSync(process.execPath, [outfile, ...args], {
    maxBuffer: 1 << 24
  }).toString();
  writeFileSync(`bench/results/${name}.json`, out);
  return JSON.parse(out);
}
