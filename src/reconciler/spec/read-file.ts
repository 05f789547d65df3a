/**
 * Reads the spec file, refusing what is not a regular file (a FIFO would block the
 * read forever, and a blocked read cannot be interrupted) or larger than MAX_SPEC_BYTES.
 * The file is opened non-blocking and checked on the open descriptor, so what is read
 * is what was checked.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { SpecError } from '../errors.ts';
import { MAX_SPEC_BYTES, tooLarge } from './limits.ts';

const whatItIs = (st: Stats): string =>
  st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

export function readSpecFile(file: string): string {
  const refuse = (message: string): never => {
    throw new SpecError([{ pos: { file, line: 1, col: 1 }, message }]);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return refuse(`cannot read the spec: ${REASONS[code] ?? (err as Error).message}; pass another with -f`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuse(`the spec must be a regular file, and this is ${whatItIs(st)}; pass a YAML file with -f`);
    if (st.size > MAX_SPEC_BYTES) throw new SpecError([tooLarge(file, st.size)]);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return refuse(`cannot read the spec: ${REASONS[code] ?? (err as Error).message}; pass another with -f`);
  } finally {
    closeSync(fd);
  }
}
