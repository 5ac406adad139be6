/** Patterns of the guard's facets (see facets.ts for the order they run in). */

const MONTHS = 'january|february|march|april|june|july|august|september|october|november|december';
const MONTH_ABBREVIATIONS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;

export const DATE_PATTERNS: readonly RegExp[] = [
  // 2024-03-05, 2024-03-05T10:00, 05/03/2024, 5.3.24
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  // "March 5, 2024", "5 March", "Mar 5", "May 2024"; a bare "may" is the verb, so it needs digits.
  new RegExp(String.raw`\b(?:${DAY}\s+)?(?:${MONTHS})\b(?:\s+${DAY}\b)?(?:,?\s+\d{4}\b)?`, 'gi'),
  new RegExp(String.raw`\b${DAY}\s+(?:${MONTH_ABBREVIATIONS})\b\.?(?:,?\s+\d{4}\b)?`, 'gi'),
  new RegExp(
    String.raw`\b(?:${MONTH_ABBREVIATIONS})\.?\s+(?:${DAY}\b(?:,?\s+\d{4}\b)?|\d{4}\b)`,
    'gi',
  ),
  // 9:30, 9:30 am, 9am, noon
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?/gi,
  /\b\d{1,2}\s*[ap]\.?m\b\.?/gi,
  /\b(?:noon|midnight|morning|afternoon|evening|tonight|today|tomorrow|yesterday)\b/gi,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|weekday)s?\b/gi,
  /\b(?:this|next|last|previous|coming)\s+(?:week|month|quarter|year|day)\b/gi,
  /\b(?:q[1-4]|h[12]|fy\s?\d{2,4})\b/gi,
];

export const IDENTIFIER_PATTERNS: readonly RegExp[] = [
  // paths: /etc/hosts, ./src/app.ts, ~/x, src/app.ts
  /(?<![\w/])(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]+)*/g,
  /\b[\w-]+(?:\/[\w-]+)*\/[\w-]+\.\w+\b/g,
  // os.path.join, config.yaml, foo(), --dry-run, -v
  /\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\(\))?/g,
  /\b[A-Za-z_]\w*\(\)/g,
  /(?<!\S)--?[A-Za-z][\w-]*/g,
  // snake_case, camelCase, PascalCase with inner capitals, letters with digits (H100, gpt4, v2)
  /\b\w+_\w+\b/g,
  /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g,
  /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/g,
  /\b[A-Za-z]+\d[A-Za-z0-9]*\b/g,
];

/** Abbreviations the dotted-identifier pattern would otherwise take for code. */
const NOT_IDENTIFIERS = new Set(['e.g', 'i.e', 'etc', 'a.m', 'p.m', 'vs']);
export const isIdentifier = (text: string): boolean => !NOT_IDENTIFIERS.has(text.toLowerCase());

const UNITS =
  'percent|per cent|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|' +
  'b|bytes?|kb|mb|gb|tb|kib|mib|gib|tib|km|m|cm|mm|mi|miles?|kg|g|lbs?|pounds?|usd|eur|gbp|dollars?|euros?|' +
  'tokens?|x|times|k|gpus?|cpus?|cores?|rps|qps';

/** "first year" and "second year" are different questions, as are "1st" and "2nd". */
const ORDINALS: Readonly<Record<string, string>> = {
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  eleventh: '11th',
  twelfth: '12th',
  twentieth: '20th',
  hundredth: '100th',
  thousandth: '1000th',
};
const ORDINAL_WORDS = Object.keys(ORDINALS).join('|');

/** A number with its sign, currency and unit: -5, $1,000.50, 15%, 10ms, 3 GB, five. */
export const NUMBER_PATTERN = new RegExp(
  String.raw`(?<![\w.])([-+]?[$€£¥]?[-+]?\d(?:[\d,]*\d)?(?:\.\d+)*|` +
    String.raw`\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|${ORDINAL_WORDS})\b)` +
    String.raw`(?:(%)|([a-z]+)\b|\s+(${UNITS})\b)?`,
  'gi',
);

const WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  dozen: '12',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
  billion: '1000000000',
  ...ORDINALS,
};

/** One spelling per value: "1,000" = "1000", "1.50" = "1.5", "five" = "5"; versions stay as written. */
export function canonicalNumber(_whole: string, groups: string[]): string {
  const [raw = '', ...unitGroups] = groups;
  const unit = (unitGroups.find((g) => g !== '') ?? '')
    .toLowerCase()
    .replace('per cent', 'percent');
  const prefix = /^[-+$€£¥]*/.exec(raw)?.[0] ?? '';
  const body = raw.slice(prefix.length);
  const grouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(body) ? body.replace(/,/g, '') : body;
  const trimmed = /^\d+\.\d+$/.test(grouped) ? grouped.replace(/\.?0+$/, '') : grouped;
  const value = WORDS[raw.toLowerCase()] ?? `${prefix}${trimmed}`;
  return unit === '' ? value : `${value} ${unit === 'percent' ? '%' : unit}`;
}
