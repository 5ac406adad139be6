import type { ChatMessage } from './cache.types.js';

/** A fenced code block (``` or ~~~), kept verbatim: indentation is meaning in code. */
const FENCE = /(^|\n)(```|~~~)[^\n]*\n[\s\S]*?\n\2[ \t]*(?=\n|$)/g;

/**
 * The prompt as the exact cache compares it: Unicode NFC (so composed and decomposed accents
 * agree), CRLF as LF, whitespace runs outside fenced code collapsed to one space, trimmed.
 * Deliberately NOT lowercased and numbers are untouched: "Paris"/"paris", "1.50"/"1.5" and
 * code identifiers may all change the answer, and the exact cache must never guess.
 */
export function normalizePrompt(text: string): string {
  const unified = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const parts: string[] = [];
  let last = 0;
  for (const match of unified.matchAll(FENCE)) {
    const start = match.index + (match[1] ?? '').length;
    parts.push(
      collapse(unified.slice(last, start)),
      unified.slice(start, match.index + match[0].length),
    );
    last = match.index + match[0].length;
  }
  parts.push(collapse(unified.slice(last)));
  return parts
    .filter((part) => part !== '')
    .join('\n')
    .trim();
}

function collapse(prose: string): string {
  return prose.replace(/\s+/g, ' ').trim();
}

/** Messages normalized one by one; roles and names are identifiers, compared as given. */
export function normalizeMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message) => ({
    role: message.role,
    content: normalizePrompt(message.content),
    ...(message.name === undefined ? {} : { name: message.name }),
  }));
}
