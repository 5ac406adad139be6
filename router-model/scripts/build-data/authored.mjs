// Prompts written for this dataset (data/authored/), some paired with real passages from P3.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_DIR, clean, gitShow, jsonl, normalize, sha256, takeHashOrdered } from './common.mjs';

//
// No licence-clean snapshot reachable here had enough open questions, brainstorming asks or
// rewriting requests, so data/authored/ holds prompts written for this dataset (see DATA_CARD.md).
// Open questions and brainstorming asks are used as they are. Rewriting and summarization asks are
// instructions that get a real passage from the P3 snapshot (CNN/DailyMail articles, Adversarial QA
// Wikipedia paragraphs) that no other example uses, one passage per example.

const AUTHORED_DIR = join(MODEL_DIR, 'data', 'authored');
const readLines = (file) =>
  readFileSync(join(AUTHORED_DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const shortHash = (s) => sha256(s).toString('hex').slice(0, 10);

export function authoredPlain() {
  const out = [];
  for (const [file, kind, tag] of [
    ['open-question.txt', 'open-question', 'oq'],
    ['brainstorming.txt', 'brainstorming', 'bs'],
    ['reasoning.txt', 'reasoning', 'rs'],
  ]) {
    for (const text of readLines(file)) {
      out.push({
        id: `authored:${tag}-${shortHash(text)}`,
        source: 'authored',
        kind,
        group: `authored-${tag}`,
        text,
      });
    }
  }
  return out;
}

// Passages for the authored rewriting and summarization asks, keyed so the id says where each came
// from. Passages already inside a selected P3 example are skipped.
function passagePool(taken) {
  const dir = 'data/finetuning/t0_train_50k/data_per_template';
  const pool = [];
  const seen = new Set();
  const add = (key, text, source) => {
    const t = text.trim();
    const k = normalize(t).slice(0, 300);
    if (seen.has(k) || taken.some((x) => x.includes(k))) return;
    seen.add(k);
    pool.push({ key, text: t, source });
  };
  jsonl(gitShow('p3', `${dir}/cnn_dailymail_3_0_0_tldr_summary.jsonl`)).forEach((row, i) => {
    const m = /\nArticle: ([\s\S]*)$/.exec(clean(row.prompt));
    if (m) add(`cnn-${String(i).padStart(4, '0')}`, m[1], 'cnn');
  });
  for (const set of ['dbert', 'dbidaf', 'droberta']) {
    jsonl(gitShow('p3', `${dir}/adversarial_qa_${set}_based_on.jsonl`)).forEach((row, i) => {
      const m = /\nContext: ([\s\S]*)$/.exec(clean(row.prompt));
      if (m) add(`aqa-${set}-${String(i).padStart(4, '0')}`, m[1], 'wiki');
    });
  }
  jsonl(gitShow('p3', `${dir}/wiki_bio_key_content.jsonl`)).forEach((row, i) => {
    const m = /\nBio: ([\s\S]*)$/.exec(clean(row.prompt));
    if (m) add(`wikibio-${String(i).padStart(4, '0')}`, detokenize(m[1]), 'bio');
  });
  return pool;
}

// WikiBio comes lower-cased and tokenized (`-lrb-`, ` ,`); undo the tokenization so a summary ask
// over it reads like pasted text. The lower case stays.
function detokenize(text) {
  return text
    .replace(/ -lrb- /g, ' (')
    .replace(/ -rrb-/g, ')')
    .replace(/ -lsb- /g, ' [')
    .replace(/ -rsb-/g, ']')
    .replace(/ ([,.;:!?%])/g, '$1')
    .replace(/ (n't|'s|'re|'ve|'ll|'d)\b/g, '$1')
    .replace(/`` ?| ?''/g, '"')
    .replace(/\n/g, ' ');
}

// The first sentences of a passage, up to about maxChars: a rewrite ask comes with a paragraph,
// not a whole article.
function lead(text, maxChars) {
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) || [text];
  let out = '';
  for (const s of sentences) {
    if (out && out.length + s.length > maxChars) break;
    out += s;
  }
  return out.trim();
}

function fillTemplate(template, text) {
  const t = template.replace(/\\n/g, '\n');
  return t.includes('{text}') ? t.replace('{text}', text) : `${t}\n\n${text}`;
}

// One authored ask filled with one passage; the id names the ask (by hash) and the passage.
const filled = (kind, tag, template) => (key, passage) => ({
  id: `authored:${tag}-${shortHash(template)}-${key}`,
  source: 'authored',
  kind,
  group: `authored-${tag}-${shortHash(template)}`,
  text: fillTemplate(template, passage),
});

// The next n unused passages of a fitting length, shaped for the ask, each marked used.
function takeFrom(candidates, n, shape, used) {
  const out = [];
  for (const p of candidates) {
    if (out.length === n) break;
    if (used.has(p.key)) continue;
    const passage = shape(p);
    if (passage.length < 120 || passage.length > 3000) continue;
    used.add(p.key);
    out.push({ key: p.key, passage });
  }
  return out;
}

// Each rewriting ask gets three of the authored messy texts (each text serves two or three asks)
// and, while they last, one Wikipedia paragraph cut to its first sentences.
function authoredRewrites(wiki, used) {
  const inputs = takeHashOrdered(
    readLines('rewriting-inputs.txt').map((text) => ({ id: shortHash(text), text })),
    100000,
    'rewriting-inputs',
  );
  return readLines('rewriting.txt').flatMap((template, t) => {
    const make = filled('rewriting', 'rw', template);
    const own = [3 * t, 3 * t + 1, 3 * t + 2].map((k) => {
      const input = inputs[k % inputs.length];
      return make(`in-${input.id}`, input.text);
    });
    const paragraphs = takeFrom(wiki, 1, (p) => lead(p.text, 700), used);
    return [...own, ...paragraphs.map(({ key, passage }) => make(key, passage))];
  });
}

// Summaries get news articles first, then what is left of the paragraphs, then biographies.
function authoredSummaries(pool, used) {
  const candidates = ['cnn', 'wiki', 'bio'].flatMap((s) => pool.filter((p) => p.source === s));
  return readLines('summarization.txt').flatMap((template) => {
    const make = filled('summarization', 'sm', template);
    return takeFrom(candidates, 8, (p) => p.text, used).map(({ key, passage }) =>
      make(key, passage),
    );
  });
}

export function authoredWithPassages(selected) {
  const taken = selected.map((e) => normalize(e.text));
  const pool = takeHashOrdered(
    passagePool(taken).map((p) => ({ ...p, id: p.key })),
    100000,
    'authored-passages',
  );
  const used = new Set();
  const rewrites = authoredRewrites(
    pool.filter((p) => p.source === 'wiki'),
    used,
  );
  return [...rewrites, ...authoredSummaries(pool, used)];
}
