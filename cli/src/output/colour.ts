// Colour only for a person at a terminal: piped or redirected output (CI logs, `| kubectl apply`,
// files) stays plain text. util.styleText (Node >= 20.12) does the escapes; no colour library.
import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

export interface Terminal {
  readonly isTTY?: boolean;
}

export function paint(style: Style, text: string, stream: Terminal): string {
  // The decision is made here, for the stream written to; newer Node versions would otherwise
  // check process.stdout even for stderr text.
  return stream.isTTY === true ? styleText(style, text, { validateStream: false }) : text;
}
