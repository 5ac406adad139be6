#!/usr/bin/env node
// Rebuilds router-model/data/examples.jsonl (and checks/mt-bench/questions.jsonl) from pinned
// commits of public repositories, read with `git show <commit>:<path>` from bare snapshots.
//
//   node router-model/scripts/build-data.mjs [--mirror DIR] [--card] [--dry-run]
//
// --mirror: folder holding one snapshot per repository as <owner>+<name>/repo (a bare git dir or a
//   clone); default $ROUTER_DATA_MIRROR or /work/.mirror. Any clone holding the pinned commit works.
// --card: print the counts tables that DATA_CARD.md carries.
// --dry-run: print counts, write nothing.
//
// Everything is deterministic: samples are taken in sha256 order of a seed and the example id,
// never at random, so the same commits give the same file byte for byte.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODEL_DIR = resolve(HERE, '..');
const MAX_CHARS = 4000;
const KINDS = [
  'classification',
  'extraction',
  'summarization',
  'rewriting',
  'short-answer',
  'open-question',
  'creative-writing',
  'brainstorming',
  'math',
  'reasoning',
  'code',
];

export const REPOS = {
  gsm8k: { repo: 'openai/grade-school-math', commit: '3101c7d5072418e28b9008a6636bde82a006892c' },
  humaneval: { repo: 'openai/human-eval', commit: '6d43fb980f9fee3c892a914eda09951f772ad10d' },
  arenahard: { repo: 'lmarena/arena-hard-auto', commit: '196f6b826783b3da7310e361a805fa36f0be83f3' },
  bbh: { repo: 'suzgunmirac/BIG-Bench-Hard', commit: '9ee07bd481feebf959a6b59d61ea57bdcf30964d' },
  p3: { repo: 'yizhongw/self-instruct', commit: '0b26ccaa415992100fa32df62d41b994cf928e23' },
  selfinstruct: { repo: 'yizhongw/self-instruct', commit: '0b26ccaa415992100fa32df62d41b994cf928e23' },
  mtbench: { repo: 'lm-sys/FastChat', commit: '0e6d3e4beaab66f4d3f93db72541a4abab8af28d' },
};

function parseArgs(argv) {
  const args = { mirror: process.env.ROUTER_DATA_MIRROR || '/work/.mirror', card: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mirror') args.mirror = argv[++i];
    else if (argv[i] === '--card') args.card = true;
    else if (argv[i] === '--dry-run') args.dryRun = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

let MIRROR = '/work/.mirror';

function gitShow(source, path) {
  const { repo, commit } = REPOS[source];
  const gitDir = join(MIRROR, repo.replace('/', '+'), 'repo');
  return execFileSync('git', ['-C', gitDir, 'show', `${commit}:${path}`], {
    maxBuffer: 256 * 1024 * 1024,
  });
}

function gitLsTree(source, dir) {
  const { repo, commit } = REPOS[source];
  const gitDir = join(MIRROR, repo.replace('/', '+'), 'repo');
  const out = execFileSync('git', ['-C', gitDir, 'ls-tree', '--name-only', `${commit}`, `${dir}/`], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.toString('utf8').split('\n').filter(Boolean);
}

const jsonl = (buf) =>
  buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest();

// The README's split rule: first 4 bytes of sha256(id) as a big-endian uint32, mod 100.
export function splitOf(id) {
  const bucket = sha256(id).readUInt32BE(0) % 100;
  if (bucket < 70) return 'train';
  if (bucket < 80) return 'calibration';
  return 'test';
}

// Hash order stands in for a seeded shuffle: stable, and adding candidates keeps the rest in order.
function takeHashOrdered(items, n, seed) {
  return items
    .map((it) => ({ it, k: sha256(`${seed}\u0000${it.id}`).toString('hex') }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, n)
    .map((x) => x.it);
}

const clean = (s) => s.replace(/<\|endoftext\|>/g, '').trim();

// ---------------------------------------------------------------- sources

function gsm8k() {
  const out = [];
  for (const split of ['train', 'test']) {
    jsonl(gitShow('gsm8k', `grade_school_math/data/${split}.jsonl`)).forEach((row, i) => {
      out.push({
        id: `gsm8k:${split}-${String(i).padStart(5, '0')}`,
        source: 'gsm8k',
        kind: 'math',
        group: 'gsm8k',
        text: row.question,
      });
    });
  }
  return takeHashOrdered(out, 320, 'gsm8k');
}

// HumanEval ships bare function stubs; a user pastes one with an ask, so each stub gets one of a
// few asks (chosen by hash of the task id, so it is stable).
const HUMANEVAL_ASKS = [
  'Complete this Python function:',
  'Implement the function below in Python. It should pass the examples in the docstring.',
  'Write the body of this function:',
  'Can you finish this Python code?',
  'Fill in the implementation so the doctests pass:',
];

function humaneval() {
  const rows = jsonl(gunzipSync(gitShow('humaneval', 'data/HumanEval.jsonl.gz')));
  return rows.map((row) => {
    const ask = HUMANEVAL_ASKS[sha256(row.task_id).readUInt32BE(0) % HUMANEVAL_ASKS.length];
    return {
      id: `humaneval:${row.task_id.split('/')[1]}`,
      source: 'humaneval',
      kind: 'code',
      group: 'humaneval',
      text: `${ask}\n\n\`\`\`python\n${row.prompt.trim()}\n\`\`\``,
    };
  });
}

const ARENA_V2_KIND = {
  'hard_prompt/coding': 'code',
  'hard_prompt/math': 'math',
  'creative_writing/creative_writing': 'creative-writing',
};

// Arena-Hard's "math" subcategory holds judge-style programming problems too (a C++ or Java task,
// an online-judge statement, a pasted script to complete), and its "creative_writing" holds a few
// asks to restyle a given text; the prompt decides those, by these two rules.
const ARENA_CODE =
  /(用\s*(C\+\+|c\+\+|python|Python|java|Java|c语言|C语言)|```|\b(C\+\+|Python|Java|JavaScript|Rust|Golang|Haskell|MATLAB|Matlab)\b|\b(write|implement) (a |the )?(program|code|function|script)\b|代码|程序)/;
const ARENA_REWRITE = /\b(improve|rewrite|re-write|proofread|edit|polish|revise|rephrase|paraphrase|fix)\b/i;

function arenaHard() {
  const rows = jsonl(gitShow('arenahard', 'data/arena-hard-v2.0/question.jsonl'));
  return rows.map((row) => {
    let kind = ARENA_V2_KIND[`${row.category}/${row.subcategory}`];
    if (!kind) throw new Error(`arena-hard: unmapped ${row.category}/${row.subcategory}`);
    if (kind === 'math' && ARENA_CODE.test(row.prompt)) kind = 'code';
    if (kind === 'creative-writing' && ARENA_REWRITE.test(row.prompt.slice(0, 300))) kind = 'rewriting';
    return {
      id: `arena-hard-v2:${row.uid}`,
      source: 'arena-hard-v2',
      kind,
      group: row.subcategory,
      text: row.prompt,
    };
  });
}

// BIG-Bench Hard tasks that are multi-step deduction; arithmetic and counting go to math; tasks
// that are really word games or taste (snarks, ruin_names, movie_recommendation, hyperbaton,
// sports_understanding, salient_translation_error_detection) or formal-language drills
// (dyck_languages, word_sorting, boolean_expressions, geometric_shapes) are left out as labels
// for them would be guesses.
export const BBH_KIND = {
  logical_deduction_three_objects: 'reasoning',
  logical_deduction_five_objects: 'reasoning',
  logical_deduction_seven_objects: 'reasoning',
  tracking_shuffled_objects_three_objects: 'reasoning',
  tracking_shuffled_objects_five_objects: 'reasoning',
  tracking_shuffled_objects_seven_objects: 'reasoning',
  web_of_lies: 'reasoning',
  causal_judgement: 'reasoning',
  date_understanding: 'reasoning',
  navigate: 'reasoning',
  formal_fallacies: 'reasoning',
  temporal_sequences: 'reasoning',
  penguins_in_a_table: 'reasoning',
  reasoning_about_colored_objects: 'reasoning',
  disambiguation_qa: 'reasoning',
  multistep_arithmetic_two: 'math',
  object_counting: 'math',
};
const BBH_CAP = 32;

function bbh() {
  const out = [];
  for (const [task, kind] of Object.entries(BBH_KIND)) {
    const { examples } = JSON.parse(gitShow('bbh', `bbh/${task}.json`).toString('utf8'));
    const rows = examples.map((ex, i) => ({
      id: `bbh:${task}-${String(i).padStart(3, '0')}`,
      source: 'bbh',
      kind,
      group: task,
      text: ex.input,
    }));
    out.push(...takeHashOrdered(rows, BBH_CAP, `bbh:${task}`));
  }
  return out;
}

// P3 (bigscience/P3, promptsource templates) as sampled into self-instruct's t0_train_50k, one file
// per template. Only underlying datasets whose own licence allows redistribution are used (see
// DATA_CARD.md); the kind follows from the template's task, listed here per dataset.
export const P3_DATASETS = [
  // [file prefix, kind, cap per template, licence of the underlying dataset]
  ['cnn_dailymail_3_0_0_', 'summarization', 12, 'Apache-2.0'],
  ['amazon_polarity_', 'classification', 18, 'Apache-2.0'],
  ['dbpedia_14_', 'classification', 30, 'CC BY-SA 3.0'],
  ['paws_labeled_final_', 'classification', 12, 'PAWS licence (free for any purpose)'],
  ['quoref_', 'extraction', 15, 'CC BY 4.0'],
  ['adversarial_qa_', 'extraction', 8, 'CC BY-SA 3.0'],
  ['duorc_', 'extraction', 12, 'MIT'],
  ['wiki_bio_', 'extraction', 25, 'CC BY-SA 3.0'],
  ['kilt_tasks_hotpotqa_', 'short-answer', 40, 'MIT (KILT) / CC BY-SA 4.0 (HotpotQA)'],
  ['commonsense_qa_', 'short-answer', 25, 'MIT'],
  ['qasc_', 'short-answer', 12, 'CC BY 4.0'],
  ['quartz_', 'short-answer', 10, 'CC BY 4.0'],
  ['cosmos_qa_', 'short-answer', 8, 'CC BY 4.0'],
  ['common_gen_', 'creative-writing', 12, 'MIT'],
];

// Templates whose ask is not the dataset's main task (e.g. "generate a question" from a reading
// comprehension set, "write the article" from a summary) get their own kind or are dropped.
export const P3_TEMPLATE_KIND = {
  cnn_dailymail_3_0_0_generate_story: 'creative-writing',
  cnn_dailymail_3_0_0_spice_up_story: null,
  paws_labeled_final_paraphrase_task: 'rewriting',
  paws_labeled_final_Rewrite_no_label: null,
  duorc_ParaphraseRC_build_story_around_qa: 'creative-writing',
  duorc_SelfRC_build_story_around_qa: 'creative-writing',
  duorc_ParaphraseRC_generate_question: null,
  duorc_SelfRC_generate_question: null,
  duorc_ParaphraseRC_generate_question_by_answer: null,
  duorc_SelfRC_generate_question_by_answer: null,
  duorc_ParaphraseRC_title_generation: 'summarization',
  duorc_SelfRC_title_generation: 'summarization',
  duorc_ParaphraseRC_decide_worth_it: null,
  duorc_SelfRC_decide_worth_it: null,
  duorc_ParaphraseRC_movie_director: null,
  duorc_SelfRC_movie_director: null,
  adversarial_qa_dbert_generate_question: null,
  adversarial_qa_dbidaf_generate_question: null,
  adversarial_qa_droberta_generate_question: null,
  quoref_Guess_Title_For_Context: 'summarization',
  wiki_bio_guess_person: null,
  wiki_bio_who: 'summarization',
  common_gen_sentence_to_concepts: 'extraction',
  common_gen_topics_from_the_sentence: 'extraction',
  social_i_qa_Generate_the_question_from_the_answer: null,
  qasc_is_correct_1: 'classification',
  qasc_is_correct_2: 'classification',
  cosmos_qa_context_answer_to_question: null,
};

function p3() {
  const dir = 'data/finetuning/t0_train_50k/data_per_template';
  const files = gitLsTree('p3', dir).map((p) => p.slice(dir.length + 1).replace(/\.jsonl$/, ''));
  const out = [];
  for (const [prefix, kind, cap] of P3_DATASETS) {
    const templates = files.filter((f) => f.startsWith(prefix));
    // One dataset's templates are filled from the same first rows, so a row index goes to one
    // template only: otherwise the same article would appear under several asks.
    templates.forEach((template, t) => {
      const tKind = template in P3_TEMPLATE_KIND ? P3_TEMPLATE_KIND[template] : kind;
      if (!tKind) return;
      const rows = [];
      jsonl(gitShow('p3', `${dir}/${template}.jsonl`)).forEach((row, i) => {
        if (sha256(`${prefix}${i}`).readUInt32BE(0) % templates.length !== t) return;
        rows.push({
          id: `p3:${template}-${String(i).padStart(4, '0')}`,
          source: 'p3',
          kind: tKind,
          group: template,
          text: clean(row.prompt),
        });
      });
      out.push(...takeHashOrdered(rows.filter(fits), cap, `p3:${template}`));
    });
  }
  return out;
}


// Self-Instruct's human-written tasks (175 seed tasks, 252 "user-oriented" tasks) carry no kind, so
// each was read and labelled by hand, one letter per task in file order ('-' = left out: tagging
// drills, translation, privacy probes, tasks that fit no kind). Letters: C classification,
// E extraction, S summarization, R rewriting, Q short-answer, O open-question, W creative-writing,
// B brainstorming, M math, L reasoning, K code.
const LETTER_KIND = {
  C: 'classification',
  E: 'extraction',
  S: 'summarization',
  R: 'rewriting',
  Q: 'short-answer',
  O: 'open-question',
  W: 'creative-writing',
  B: 'brainstorming',
  M: 'math',
  L: 'reasoning',
  K: 'code',
};
export const SELF_INSTRUCT_SEED_LABELS = [
  'O Q - O S O B O W O', // 0
  'B B O - - Q O B W O', // 10
  'W - M O B M E O K W', // 20
  'B K O - O M - K Q E', // 30
  'O K R R B M O W Q W', // 40
  'K R O - O W - W M W', // 50
  'Q - S W S - - E - K', // 60
  'O O K O W S B - R W', // 70
  'B B O M W E W W Q W', // 80
  '- - Q W - O - R R O', // 90
  'W - O O O - - B - M', // 100
  'M O W - R - B - O W', // 110
  '- - - W W W R B - W', // 120
  'O O - O Q - M S K K', // 130
  'K K O O M B - Q - -', // 140
  'C C C - C L C C K C', // 150
  'Q Q C Q - C C C C C', // 160
  '- C C C Q', // 170
].join(' ').split(' ');
export const SELF_INSTRUCT_USER_LABELS = [
  'R C R R B W R W - W', // 0
  'B - K K K M Q O B M', // 10
  '- - R - W W B K E W', // 20
  'B - W - B B C - K K', // 30
  'K - O - B O B B O W', // 40
  'B - W W W W W W B W', // 50
  'W W W B R W B W B Q', // 60
  'Q O W W W W B O K W', // 70
  'S - O O O O B B B K', // 80
  'K C K K B - K R S R', // 90
  '- - Q B B B B B B B', // 100
  'B B B O M O O - B B', // 110
  'O B - B Q Q O Q B O', // 120
  'B O W - L - B - B C', // 130
  'M M M M M - - Q - M', // 140
  '- - - W W W R E C S', // 150
  'S R E C C C C W B B', // 160
  '- O B L - O Q B R E', // 170
  '- S W C C Q W R R R', // 180
  'K E O R C K - C B W', // 190
  'Q B S Q W K W W B O', // 200
  'K W E - B B - - - W', // 210
  'R B O W - C - K B Q', // 220
  'W K C O C C R O C O', // 230
  'R Q K K C Q R E W B', // 240
  '- O', // 250
].join(' ').split(' ');

function selfInstruct() {
  const out = [];
  const files = [
    ['data/seed_tasks.jsonl', SELF_INSTRUCT_SEED_LABELS, 175],
    ['human_eval/user_oriented_instructions.jsonl', SELF_INSTRUCT_USER_LABELS, 252],
  ];
  for (const [path, labels, expected] of files) {
    const rows = jsonl(gitShow('selfinstruct', path));
    if (rows.length !== expected || labels.length !== expected) {
      throw new Error(`self-instruct ${path}: ${rows.length} rows, ${labels.length} labels, expected ${expected}`);
    }
    rows.forEach((row, i) => {
      const kind = LETTER_KIND[labels[i]];
      if (!kind) return;
      const input = (row.instances[0]?.input || '').trim();
      out.push({
        id: `self-instruct:${row.id}`,
        source: 'self-instruct',
        kind,
        group: row.id,
        text: input ? `${row.instruction.trim()}\n\n${input}` : row.instruction.trim(),
      });
    });
  }
  return out;
}


// ---------------------------------------------------------------- authored prompts
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

function authoredPlain() {
  const out = [];
  for (const [file, kind, tag] of [
    ['open-question.txt', 'open-question', 'oq'],
    ['brainstorming.txt', 'brainstorming', 'bs'],
  ]) {
    for (const text of readLines(file)) {
      out.push({ id: `authored:${tag}-${shortHash(text)}`, source: 'authored', kind, group: `authored-${tag}`, text });
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
  return pool;
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

function authoredWithPassages(selected) {
  const taken = selected.map((e) => normalize(e.text));
  const pool = takeHashOrdered(
    passagePool(taken).map((p) => ({ ...p, id: p.key })),
    100000,
    'authored-passages',
  );
  const used = new Set();
  const out = [];
  const emit = (kind, tag, template, key, passage) =>
    out.push({
      id: `authored:${tag}-${shortHash(template)}-${key}`,
      source: 'authored',
      kind,
      group: `authored-${tag}-${shortHash(template)}`,
      text: fillTemplate(template, passage),
    });
  const takeFrom = (candidates, n, shape, sink) => {
    for (const p of candidates) {
      if (n === 0) return;
      if (used.has(p.key)) continue;
      const passage = shape(p);
      if (passage.length < 120 || passage.length > 3000) continue;
      used.add(p.key);
      sink(p.key, passage);
      n--;
    }
  };
  // Rewrites: each ask gets two of the authored messy texts (each text serves about two asks) and
  // one Wikipedia paragraph; summaries get news articles, then what is left of the paragraphs.
  const inputs = takeHashOrdered(
    readLines('rewriting-inputs.txt').map((text) => ({ id: shortHash(text), text })),
    100000,
    'rewriting-inputs',
  );
  const wiki = pool.filter((p) => p.source === 'wiki');
  readLines('rewriting.txt').forEach((template, t) => {
    for (const k of [2 * t, 2 * t + 1]) {
      const input = inputs[k % inputs.length];
      emit('rewriting', 'rw', template, `in-${input.id}`, input.text);
    }
    takeFrom(wiki, 1, (p) => lead(p.text, 700), (key, passage) => emit('rewriting', 'rw', template, key, passage));
  });
  const forSummaries = [...pool.filter((p) => p.source === 'cnn'), ...wiki];
  for (const template of readLines('summarization.txt')) {
    takeFrom(forSummaries, 6, (p) => p.text, (key, passage) => emit('summarization', 'sm', template, key, passage));
  }
  return out;
}

// ---------------------------------------------------------------- MT-Bench check set

function mtBench() {
  return jsonl(gitShow('mtbench', 'fastchat/llm_judge/data/mt_bench/question.jsonl')).map((q) => ({
    id: `mt-bench:${q.question_id}`,
    category: q.category,
    text: q.turns[0],
  }));
}

const normalize = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---------------------------------------------------------------- assembly

function fits(ex) {
  const t = ex.text.trim();
  return t.length > 0 && t.length <= MAX_CHARS;
}

export function build() {
  const sourced = [...gsm8k(), ...humaneval(), ...arenaHard(), ...bbh(), ...p3(), ...selfInstruct()];
  const candidates = [...sourced, ...authoredPlain(), ...authoredWithPassages(sourced)];
  const mt = mtBench();
  const mtNorm = mt.map((q) => normalize(q.text)).filter((t) => t.length > 0);

  const seenIds = new Set();
  const seenTexts = new Set();
  const dropped = { tooLong: 0, duplicateText: 0, mtBench: 0 };
  const examples = [];
  for (const ex of candidates) {
    if (!KINDS.includes(ex.kind)) throw new Error(`${ex.id}: unknown kind ${ex.kind}`);
    if (seenIds.has(ex.id)) throw new Error(`duplicate id ${ex.id}`);
    seenIds.add(ex.id);
    const text = ex.text.trim();
    if (!fits(ex)) {
      dropped.tooLong++;
      continue;
    }
    const norm = normalize(text);
    if (mtNorm.some((q) => norm.includes(q))) {
      dropped.mtBench++;
      continue;
    }
    if (seenTexts.has(norm)) {
      dropped.duplicateText++;
      continue;
    }
    seenTexts.add(norm);
    examples.push({ id: ex.id, source: ex.source, kind: ex.kind, split: splitOf(ex.id), text, group: ex.group });
  }
  examples.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { examples, mt, dropped };
}

function countsTable(examples) {
  const splits = ['train', 'calibration', 'test'];
  const lines = ['| kind | train | calibration | test | total |', '| --- | ---: | ---: | ---: | ---: |'];
  const tot = { train: 0, calibration: 0, test: 0 };
  for (const kind of KINDS) {
    const c = { train: 0, calibration: 0, test: 0 };
    for (const e of examples) if (e.kind === kind) c[e.split]++;
    for (const s of splits) tot[s] += c[s];
    lines.push(`| ${kind} | ${c.train} | ${c.calibration} | ${c.test} | ${c.train + c.calibration + c.test} |`);
  }
  lines.push(`| **all** | ${tot.train} | ${tot.calibration} | ${tot.test} | ${examples.length} |`);
  return lines.join('\n');
}

function sourceTable(examples) {
  const by = new Map();
  for (const e of examples) {
    const k = `${e.source}\u0000${e.kind}`;
    by.set(k, (by.get(k) || 0) + 1);
  }
  const lines = ['| source | kind | examples |', '| --- | --- | ---: |'];
  for (const [k, n] of [...by.entries()].sort()) {
    const [s, kind] = k.split('\u0000');
    lines.push(`| ${s} | ${kind} | ${n} |`);
  }
  return lines.join('\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  MIRROR = args.mirror;
  const { examples, mt, dropped } = build();
  // Templated sources are where one task could crowd out the rest, so the cap is checked there.
  const perTemplate = {};
  for (const e of examples) if (e.source === 'p3' || e.source === 'bbh') perTemplate[e.group] = (perTemplate[e.group] || 0) + 1;
  const maxPerGroup = Math.max(...Object.values(perTemplate));
  if (args.card) {
    console.log(countsTable(examples));
    console.log();
    console.log(sourceTable(examples));
    console.log();
    console.log(
      `Dropped: ${dropped.tooLong} longer than ${MAX_CHARS} characters, ${dropped.mtBench} containing an MT-Bench first turn, ${dropped.duplicateText} duplicate texts. Largest count from one P3 template or BBH task: ${maxPerGroup}.`,
    );
  } else {
    console.error(countsTable(examples));
    console.error(`dropped ${JSON.stringify(dropped)}; max per P3 template or BBH task ${maxPerGroup}`);
  }
  if (args.dryRun) return;
  const dataDir = join(MODEL_DIR, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'examples.jsonl'),
    examples.map(({ id, source, kind, split, text }) => JSON.stringify({ id, source, kind, split, text })).join('\n') +
      '\n',
  );
  const checkDir = join(MODEL_DIR, 'checks', 'mt-bench');
  mkdirSync(checkDir, { recursive: true });
  writeFileSync(join(checkDir, 'questions.jsonl'), mt.map((q) => JSON.stringify(q)).join('\n') + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
