/** Colour for a terminal: only on a TTY, never when NO_COLOR is set (no-color.org). */
export type Style = 'green' | 'yellow' | 'red' | 'magenta' | 'dim' | 'bold';

const CODES: Record<Style, [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  magenta: [35, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export function paint(text: string, style: Style, color: boolean): string {
  if (!color) return text;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/** Whether a stream should get colour. */
export function wantsColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
