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
import { mkdirSync, writeFileSync } from 'node:fs';
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
  arenahard: {
    repo: 'lmarena/arena-hard-auto',
    commit: '196f6b826783b3da7310e361a805fa36f0be83f3',
  },
  bbh: { repo: 'suzgunmirac/BIG-Bench-Hard', commit: '9ee07bd481feebf959a6b59d61ea57bdcf30964d' },
  p3: { repo: 'yizhongw/self-instruct', commit: '0b26ccaa415992100fa32df62d41b994cf928e23' },
  mtbench: { repo: 'lm-sys/FastChat', commit: '0e6d3e4beaab66f4d3f93db72541a4abab8af28d' },
};

function parseArgs(argv) {
  const args = {
    mirror: process.env.ROUTER_DATA_MIRROR || '/work/.mirror',
    card: false,
    dryRun: false,
  };
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
  const out = execFileSync(
    'git',
    ['-C', gitDir, 'ls-tree', '--name-only', `${commit}`, `${dir}/`],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
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
  return takeHashOrdered(out, 420, 'gsm8k');
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

function arenaHard() {
  const rows = jsonl(gitShow('arenahard', 'data/arena-hard-v2.0/question.jsonl'));
  return rows.map((row) => {
    const kind = ARENA_V2_KIND[`${row.category}/${row.subcategory}`];
    if (!kind) throw new Error(`arena-hard: unmapped ${row.category}/${row.subcategory}`);
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
  ['cnn_dailymail_3_0_0_', 'summarization', 70, 'Apache-2.0'],
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
  const candidates = [...gsm8k(), ...humaneval(), ...arenaHard(), ...bbh(), ...p3()];
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
    examples.push({
      id: ex.id,
      source: ex.source,
      kind: ex.kind,
      split: splitOf(ex.id),
      text,
      group: ex.group,
    });
  }
  examples.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { examples, mt, dropped };
}

function countsTable(examples) {
  const splits = ['train', 'calibration', 'test'];
  const lines = [
    '| kind | train | calibration | test | total |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const tot = { train: 0, calibration: 0, test: 0 };
  for (const kind of KINDS) {
    const c = { train: 0, calibration: 0, test: 0 };
    for (const e of examples) if (e.kind === kind) c[e.split]++;
    for (const s of splits) tot[s] += c[s];
    lines.push(
      `| ${kind} | ${c.train} | ${c.calibration} | ${c.test} | ${c.train + c.calibration + c.test} |`,
    );
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
  const maxPerGroup = Math.max(
    ...Object.values(
      examples.reduce((acc, e) => ((acc[e.group] = (acc[e.group] || 0) + 1), acc), {}),
    ),
  );
  if (args.card) {
    console.log(countsTable(examples));
    console.log();
    console.log(sourceTable(examples));
    console.log();
    console.log(
      `Dropped: ${dropped.tooLong} longer than ${MAX_CHARS} characters, ${dropped.mtBench} containing an MT-Bench first turn, ${dropped.duplicateText} duplicate texts. Largest count from one source task/template: ${maxPerGroup}.`,
    );
  } else {
    console.error(countsTable(examples));
    console.error(`dropped ${JSON.stringify(dropped)}; max per source task ${maxPerGroup}`);
  }
  if (args.dryRun) return;
  const dataDir = join(MODEL_DIR, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'examples.jsonl'),
    examples
      .map(({ id, source, kind, split, text }) => JSON.stringify({ id, source, kind, split, text }))
      .join('\n') + '\n',
  );
  const checkDir = join(MODEL_DIR, 'checks', 'mt-bench');
  mkdirSync(checkDir, { recursive: true });
  writeFileSync(
    join(checkDir, 'questions.jsonl'),
    mt.map((q) => JSON.stringify(q)).join('\n') + '\n',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
