import { isNegation, poleOf, polarityOf, type Polarity } from './polarity.js';
import {
  DATE_PATTERNS,
  IDENTIFIER_PATTERNS,
  NUMBER_PATTERN,
  canonicalNumber,
  isIdentifier,
} from './facet-patterns.js';

/**
 * The parts of a prompt that flip its answer while barely moving its embedding. Extractors run
 * in order and blank out what they took, so a URL's digits are not counted as numbers too.
 */
export interface Facets {
  readonly urls: string[];
  readonly quoted: string[];
  readonly code: string[];
  readonly dates: string[];
  readonly identifiers: string[];
  readonly numbers: string[];
  /** Capitalized names and acronyms, lowercased: the other prompt must contain them as words. */
  readonly entities: string[];
  /** Every word of the prompt, lowercased, for the entity check. */
  readonly words: ReadonlySet<string>;
  readonly polarity: Polarity;
}

type Canonical = (whole: string, groups: string[]) => string;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const firstGroup: Canonical = (whole, groups) => collapse(groups.find((g) => g !== '') ?? whole);
const lower: Canonical = (whole) => collapse(whole.toLowerCase());

/** Every match of the patterns, canonicalized, and the text with each match blanked out. */
export function take(text: string, patterns: readonly RegExp[], canonical: Canonical) {
  const found: string[] = [];
  let rest = text;
  for (const pattern of patterns) {
    rest = rest.replace(pattern, (whole: string, ...args: unknown[]) => {
      const groups = args.slice(0, -2).filter((g): g is string => typeof g === 'string');
      found.push(canonical(whole, groups));
      return ' '.repeat(whole.length);
    });
  }
  return { found: found.filter((item) => item !== '').sort(), rest };
}

const URLS = [
  /\b(?:https?:\/\/|www\.)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]]/gi,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
];
const CODE = [/```[\s\S]*?```/g, /~~~[\s\S]*?~~~/g, /`([^`\n]+)`/g];
const QUOTED = [
  /"([^"\n]+)"/g,
  /“([^”\n]+)”/g,
  /‘([^’\n]+)’/g,
  /(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])/gu,
];
/** A capitalized word or an acronym; whether it is a name is decided by entitiesOf. */
const CAPITALIZED = /(^|[.!?:;]\s+|\n\s*)?(?<![\p{L}\p{N}_])(\p{Lu}[\p{L}\p{N}]*(?:['’]\p{L}+)?)/gu;

/** Words that start sentences in prompts; capitalized there, they are not names. */
const STARTERS = new Set(
  (
    'what how why who whom whose when where which is are was were do does did can could would should will ' +
    'shall may might must please tell give explain write list show find make create help summarize describe ' +
    'compare translate i the a an in on at for to of if and or but so my our your this that these those it ' +
    'there here hi hello hey thanks thank let lets use using get set return check email send draft generate ' +
    'fix debug convert calculate compute rewrite rephrase classify extract suggest recommend answer build ' +
    'design implement analyze analyse review identify provide name define outline plan book schedule remind ' +
    'update run try now then also just again any all some every each only also instead ok okay yes'
  ).split(' '),
);

function entitiesOf(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(CAPITALIZED)) {
    const word = match[2] ?? '';
    const startsSentence = match[1] !== undefined || match.index === 0;
    const acronym = word.length > 1 && word === word.toUpperCase();
    const folded = word.toLowerCase();
    // Negations and polar words ("Don't", "Disable") are the polarity check's to compare.
    if (isNegation(folded) || poleOf(folded) !== undefined) continue;
    if (acronym || !startsSentence || !STARTERS.has(folded)) names.add(folded);
  }
  names.delete('i');
  return [...names].sort();
}

export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu) ?? []
  );
}

export function extractFacets(prompt: string): Facets {
  const text = prompt.normalize('NFKC');
  const urls = take(text, URLS, (whole) => whole.replace(/\/+$/, ''));
  // Code keeps its whitespace: indentation can be meaning.
  const code = take(urls.rest, CODE, (whole, groups) => (groups[0] ?? whole).trim());
  const quoted = take(code.rest, QUOTED, firstGroup);
  const dates = take(quoted.rest, DATE_PATTERNS, lower);
  const identifiers = take(dates.rest, IDENTIFIER_PATTERNS, (whole) =>
    isIdentifier(whole.trim()) ? whole.trim() : '',
  );
  const numbers = take(identifiers.rest, [NUMBER_PATTERN], canonicalNumber);
  const words = wordsOf(text);
  return {
    urls: urls.found,
    code: code.found,
    quoted: quoted.found,
    dates: dates.found,
    identifiers: identifiers.found,
    numbers: numbers.found,
    entities: entitiesOf(numbers.rest),
    words: new Set(words),
    polarity: polarityOf(wordsOf(numbers.rest)),
  };
}
