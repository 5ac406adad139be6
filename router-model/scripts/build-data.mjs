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

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authoredPlain, authoredWithPassages } from './build-data/authored.mjs';
import { arenaHard, bbh, gsm8k, humaneval } from './build-data/benchmarks.mjs';
import {
  KINDS,
  MAX_CHARS,
  MODEL_DIR,
  gitShow,
  jsonl,
  normalize,
  setMirror,
  splitOf,
} from './build-data/common.mjs';
import { p3 } from './build-data/p3.mjs';
import { selfInstruct } from './build-data/self-instruct.mjs';

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

// ---------------------------------------------------------------- MT-Bench check set

function mtBench() {
  return jsonl(gitShow('mtbench', 'fastchat/llm_judge/data/mt_bench/question.jsonl')).map((q) => ({
    id: `mt-bench:${q.question_id}`,
    category: q.category,
    text: q.turns[0],
  }));
}
// ---------------------------------------------------------------- assembly

function fits(ex) {
  const t = ex.text.trim();
  return t.length > 0 && t.length <= MAX_CHARS;
}

export function build() {
  const sourced = [
    ...gsm8k(),
    ...humaneval(),
    ...arenaHard(),
    ...bbh(),
    ...p3(fits),
    ...selfInstruct(),
  ];
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
  setMirror(args.mirror);
  const { examples, mt, dropped } = build();
  // Templated sources are where one task could crowd out the rest, so the cap is checked there.
  const perTemplate = {};
  for (const e of examples)
    if (e.source === 'p3' || e.source === 'bbh')
      perTemplate[e.group] = (perTemplate[e.group] || 0) + 1;
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
    console.error(
      `dropped ${JSON.stringify(dropped)}; max per P3 template or BBH task ${maxPerGroup}`,
    );
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
