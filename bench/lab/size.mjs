// Size of the built lab extension (cellpipe/labextension/static): each script, raw and gzipped
// (level 9, as a web server would send it), and the totals. Source maps are not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'cellpipe/labextension/static';
const files = readdirSync(dir)
  .filter(name => /\.(js|css)$/.test(name))
  .map(name => {
    const bytes = readFileSync(join(dir, name));
    return {
      name,
      bytes: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length
    };
  })
  .sort((a, b) => b.gzip - a.gzip);
const total = files.reduce(
  (sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzip }),
  {
    bytes: 0,
    gzip: 0
  }
);
console.log(JSON.stringify({ dir, files, total }, null, 2));
