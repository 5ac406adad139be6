/**
 * The part of a prompt the model reads: its head and tail, NFKC-normalized and lowercased. The
 * instruction is usually at one end (a question before or after pasted input), and a bounded
 * window keeps predict() from growing with the prompt.
 */
export function promptWindow(text: string, headChars: number, tailChars: number): string {
  const windowed =
    text.length <= headChars + tailChars
      ? text
      : `${text.slice(0, headChars)}\n${text.slice(text.length - tailChars)}`;
  // NFKC is the identity on ASCII, and most prompts are ASCII: skip ICU for them.
  return isAscii(windowed) ? windowed.toLowerCase() : windowed.normalize('NFKC').toLowerCase();
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
