/**
 * Words whose flip inverts what a prompt asks, which lexical and even neural embeddings place
 * almost on top of each other ("enable X" / "disable X"). Each word maps to an axis and a pole;
 * two prompts agree on polarity when, for every axis, they use the same poles.
 */
const AXES: ReadonlyArray<readonly [string, string]> = [
  ['enable activate', 'disable deactivate'],
  ['allow permit grant whitelist', 'deny forbid block revoke blacklist'],
  ['accept approve', 'reject decline'],
  ['add insert create append', 'remove delete drop erase'],
  ['include', 'exclude'],
  ['increase raise grow', 'decrease reduce shrink'],
  ['before earlier', 'after later'],
  [
    'min minimum minimize smallest lowest least fewest',
    'max maximum maximize largest highest most',
  ],
  ['more', 'less fewer'],
  ['higher upper above', 'lower below'],
  ['uppercase', 'lowercase'],
  ['better', 'worse'],
  ['best', 'worst'],
  ['true', 'false'],
  ['start begin', 'stop end finish'],
  ['open', 'close'],
  ['lock', 'unlock'],
  ['install', 'uninstall'],
  ['connect', 'disconnect'],
  ['subscribe', 'unsubscribe'],
  ['encrypt', 'decrypt'],
  ['encode serialize', 'decode deserialize'],
  ['compress zip', 'decompress unzip'],
  ['ascending asc', 'descending desc'],
  ['first oldest', 'last newest latest'],
  ['import', 'export'],
  ['upload', 'download'],
  ['push', 'pull'],
  ['buy', 'sell'],
  ['input', 'output'],
  ['success succeed', 'failure fail'],
  ['valid', 'invalid'],
  ['public', 'private'],
  ['sync synchronous', 'async asynchronous'],
  ['internal', 'external'],
  ['inbound incoming', 'outbound outgoing'],
  ['show', 'hide'],
  ['read', 'write'],
  ['left', 'right'],
  ['past', 'future'],
  ['inner', 'outer'],
  ['positive', 'negative'],
  ['win', 'lose'],
  ['profit', 'loss'],
  ['debit', 'credit'],
];

/** word -> "axis:pole", the axis named by its first plus word. A word keeps its first axis. */
const POLES = new Map<string, string>();
function addPole(words: string, pole: string): void {
  for (const word of words.split(' ')) if (!POLES.has(word)) POLES.set(word, pole);
}
for (const [plus, minus] of AXES) {
  const axis = plus.split(' ')[0] ?? plus;
  addPole(plus, `${axis}:+`);
  addPole(minus, `${axis}:-`);
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'none',
  'nothing',
  'nobody',
  'nowhere',
  'neither',
  'nor',
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'cant',
  'couldnt',
  'shouldnt',
  'wouldnt',
  'wont',
  'hasnt',
  'havent',
  'hadnt',
  'mustnt',
  'neednt',
  'aint',
]);

/** The dictionary forms a word may be an inflection of: enabled, enables, enabling -> enable. */
function lemmas(word: string): string[] {
  const forms = [word];
  for (const suffix of ['ing', 'ed', 'es', 's', 'd']) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      // dropping -> drop, winning -> win: the doubled consonant goes too.
      const undoubled = stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : stem;
      forms.push(stem, `${stem}e`, undoubled);
    }
  }
  return forms;
}

export function poleOf(word: string): string | undefined {
  for (const form of lemmas(word)) {
    const pole = POLES.get(form);
    if (pole !== undefined) return pole;
  }
  return undefined;
}

/** "don't", "can’t", "dont" and "not" all count as one negation. */
export function isNegation(word: string): boolean {
  const folded = word.replace(/['’]/g, '');
  return NEGATORS.has(folded) || /n['’]t$/.test(word);
}

export interface Polarity {
  readonly negations: number;
  /** axis -> the poles ("+", "-", or both) the text uses on it. */
  readonly axes: ReadonlyMap<string, string>;
}

/** Polarity of lowercased words: how often they negate, and which pole of each axis they use. */
export function polarityOf(words: readonly string[]): Polarity {
  const axes = new Map<string, string>();
  for (const word of words) {
    const [axis, pole] = (poleOf(word) ?? '').split(':');
    if (axis === undefined || pole === undefined) continue;
    const seen = axes.get(axis) ?? '';
    if (!seen.includes(pole)) axes.set(axis, [...seen, pole].sort().join(''));
  }
  return { negations: words.filter(isNegation).length, axes };
}
