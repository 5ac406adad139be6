import { allKeywordsIn, type KeywordMatcher } from './keywords.js';

/**
 * What the complexity classifier looks at, kept visible in every decision so a surprising route
 * can be explained from its features alone. Extraction is deterministic and linear in the text.
 */
export interface Features {
  readonly tokens: number;
  /** Question marks. */
  readonly questions: number;
  /** Built-in reasoning markers found ("step by step", "compare", "why", ...). */
  readonly reasoningMarkers: readonly string[];
  /** The policy's classifier.complexKeywords found in the text or the caller's keywords. */
  readonly complexKeywords: readonly string[];
  /** Sequencing cues: "first ... then", "and then", "finally", a numbered list. */
  readonly multiStepCues: number;
  /** Code signals: fences (count 3), keywords, code-like identifiers, lines ending in ; or {. */
  readonly codeSignals: number;
  /** Math signals: equations, arithmetic between numbers, math symbols and vocabulary. */
  readonly mathSignals: number;
}

/**
 * Markers scan the head and the tail of a long prompt: the instruction is usually at one end
 * (a question after a pasted document, or an instruction before it), and length itself is
 * already the token count. This bounds the work per query whatever the prompt size.
 */
export const SCAN_WINDOW_CHARS = 16_384;

// Strong markers ask for reasoning; weak ones ("why") often open a short factual question.
export const STRONG_MARKERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['step by step', /\bstep[- ]by[- ]step\b/i],
  ['prove', /\bprov(?:e|es|ing|en)\b/i],
  ['analyze', /\banaly[sz](?:e|es|ed|ing|is)\b/i],
  ['compare', /\bcompar(?:e|es|ed|ing|ison)\b/i],
  ['trade-off', /\btrade[- ]?offs?\b/i],
  ['pros and cons', /\bpros and cons\b/i],
  ['evaluate', /\bevaluat(?:e|es|ed|ing|ion)\b/i],
  ['derive', /\bderiv(?:e|es|ed|ing|ation)\b/i],
  ['justify', /\bjustif(?:y|ies|ied|ication)\b/i],
  ['root cause', /\broot[- ]cause\b/i],
  ['implications', /\bimplications?\b/i],
];
export const WEAK_MARKERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['why', /\bwhy\b/i],
  ['explain', /\bexplain(?:s|ed|ing)?\b/i],
  ['how would', /\bhow (?:would|could|should|does|do)\b/i],
  ['what if', /\bwhat if\b/i],
];

const SEQUENCE_CUES = [/\band then\b/gi, /\bafter that\b/gi, /\bfinally\b/gi, /\bnext,/gi];
const NUMBERED_ITEM = /^\s*\d{1,2}[.)]\s+\S/gm;
const CODE_FENCE = /```/g;
const CODE_KEYWORD =
  /\b(?:function|def|class|return|import|const|let|var|async|await|public|static|void|SELECT|FROM|WHERE|JOIN)\b/g;
const CODE_IDENTIFIER =
  /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\b\w+\([^()\n]*\)/g;
const CODE_LINE_END = /[;{]\s*$/gm;
const EQUATION = /[\w)]\s*(?:=|<=|>=|≤|≥|≠)\s*[\w(-]/g;
const ARITHMETIC = /\d\s*[+*/^×÷]\s*\d|\d\s+-\s+\d/g;
const MATH_SYMBOL = /[∑∫√∞≠±∂πθλ∀∃∈]|\\(?:frac|sum|int|sqrt)\b/g;
const MATH_WORD =
  /\b(?:equation|integral|derivative|theorem|lemma|matrix|probability|polynomial)s?\b/gi;
const CAP = 20; // a signal count past this says nothing more

/**
 * callerKeywords are phrases the caller found in a prompt it did not send (router.proto
 * PromptFeatures.keywords): complexKeywords match them as if they were in the text. The built-in
 * markers and signals do not read them: a lone phrase says nothing of questions, steps or code.
 */
export function extractFeatures(
  text: string,
  tokens: number,
  complexKeywords: KeywordMatcher,
  callerKeywords: readonly string[] = [],
): Features {
  const scanned = scanWindow(text);
  return {
    tokens,
    questions: count(scanned, /\?/g),
    reasoningMarkers: markersIn(scanned, [...STRONG_MARKERS, ...WEAK_MARKERS]),
    complexKeywords: allKeywordsIn(complexKeywords, [scanned, ...callerKeywords]),
    multiStepCues: multiStepCues(scanned),
    codeSignals: Math.min(CAP, count(scanned, CODE_FENCE) * 3 + codeSignals(scanned)),
    mathSignals: Math.min(
      CAP,
      [EQUATION, ARITHMETIC, MATH_SYMBOL, MATH_WORD].reduce((n, re) => n + count(scanned, re), 0),
    ),
  };
}

export function scanWindow(text: string): string {
  if (text.length <= 2 * SCAN_WINDOW_CHARS) return text;
  return `${text.slice(0, SCAN_WINDOW_CHARS)}\n${text.slice(-SCAN_WINDOW_CHARS)}`;
}

function markersIn(text: string, markers: ReadonlyArray<readonly [string, RegExp]>): string[] {
  return markers.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

function multiStepCues(text: string): number {
  const first = /\bfirst\b/i.exec(text);
  const firstThen = first !== null && /\bthen\b/i.test(text.slice(first.index)) ? 1 : 0;
  const numbered = count(text, NUMBERED_ITEM) >= 3 ? 1 : 0;
  return SEQUENCE_CUES.reduce((n, cue) => n + count(text, cue), firstThen + numbered);
}

function codeSignals(text: string): number {
  return count(text, CODE_KEYWORD) + count(text, CODE_IDENTIFIER) + count(text, CODE_LINE_END);
}

function count(text: string, pattern: RegExp): number {
  const matches = text.matchAll(pattern);
  let n = 0;
  while (n < CAP && matches.next().done !== true) n++;
  return n;
}
