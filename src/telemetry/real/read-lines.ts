import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** A line of a text file and its number (1-based). */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * The lines of a file, read as a stream so a large log never sits in memory whole; `.gz` files are unpacked on
 * the way. Line ends (`\n` or `\r\n`) and a leading byte-order mark are removed.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const file = createReadStream(path);
  const input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  // A failing gunzip does not destroy the file stream; an error on either must end the loop with that error.
  file.on('error', (err) => input.destroy(err));
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      yield { text: line === 1 ? text.replace(/^\uFEFF/, '') : text, line };
    }
  } finally {
    reader.close();
    file.destroy();
  }
}
