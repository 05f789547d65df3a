/** Where commands write: standard streams by default, captured in tests. */
import { wantsColor } from '../reconciler/render/style.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour on standard output: a TTY without NO_COLOR. */
  readonly color?: boolean;
}

const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);

export const stdio: Io = {
  out: (t) => process.stdout.write(line(t)),
  err: (t) => process.stderr.write(line(t)),
  color: wantsColor(process.stdout, process.env),
};
