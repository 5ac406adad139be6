/**
 * Case-insensitive whole-phrase matching for the policy's keyword lists (rules[].match.keywords,
 * classifier.complexKeywords). Compiled once per policy generation into one alternation, so a
 * query costs one scan per list whatever its length. "Whole phrase" means not inside a longer
 * word in any script: "prove" does not match "provide", "why" does not match "whyte".
 */
export interface KeywordMatcher {
  /** The phrases as the policy wrote them, for reasons and features. */
  readonly phrases: readonly string[];
  /** undefined when the list is empty: nothing can match. */
  readonly pattern: RegExp | undefined;
  /** Normalized matched text (lowercase, single spaces) -> the policy's phrase. */
  readonly byNormalized: ReadonlyMap<string, string>;
}

const WORD = String.raw`[\p{L}\p{N}_]`;

export function compileKeywords(phrases: readonly string[] = []): KeywordMatcher {
  const usable = phrases.map((p) => p.trim()).filter((p) => p.length > 0);
  const byNormalized = new Map(usable.map((p) => [normalize(p), p] as const));
  if (usable.length === 0) return { phrases: [], pattern: undefined, byNormalized };
  // Longest first, so "step by step" wins over "step" when both are listed.
  const alternatives = [...byNormalized.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) =>
      p
        .split(' ')
        .map(escapeRegExp)
        .join(String.raw`\s+`),
    );
  const source = `(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`;
  return { phrases: usable, pattern: new RegExp(source, 'giu'), byNormalized };
}

/** The first phrase found in the text, or undefined. */
export function firstKeyword(matcher: KeywordMatcher, text: string): string | undefined {
  if (matcher.pattern === undefined) return undefined;
  matcher.pattern.lastIndex = 0;
  const found = matcher.pattern.exec(text);
  return found === null ? undefined : phraseOf(matcher, found[0]);
}

/** Every distinct phrase found in the text, in the order they first occur. */
export function allKeywords(matcher: KeywordMatcher, text: string): string[] {
  if (matcher.pattern === undefined) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(matcher.pattern)) found.add(phraseOf(matcher, match[0]));
  return [...found];
}

/**
 * The first phrase found in any of the texts, in order. Each text is scanned on its own, so a
 * phrase never spans two of them (two caller keywords "step" and "by step" are not "step by step").
 */
export function firstKeywordIn(
  matcher: KeywordMatcher,
  texts: readonly string[],
): string | undefined {
  for (const text of texts) {
    const found = firstKeyword(matcher, text);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every distinct phrase found in any of the texts, in the order they first occur. */
export function allKeywordsIn(matcher: KeywordMatcher, texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((text) => allKeywords(matcher, text)))];
}

function phraseOf(matcher: KeywordMatcher, matched: string): string {
  return matcher.byNormalized.get(normalize(matched)) ?? matched;
}

function normalize(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/gu, ' ');
}

// Only syntax characters: with the u flag, escaping anything else ("\-") is a SyntaxError.
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
