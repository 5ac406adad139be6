// Shared by the build-data modules: where snapshots are read from, hashing, sampling.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const MAX_CHARS = 4000;
export const KINDS = [
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
  selfinstruct: {
    repo: 'yizhongw/self-instruct',
    commit: '0b26ccaa415992100fa32df62d41b994cf928e23',
  },
  mtbench: { repo: 'lm-sys/FastChat', commit: '0e6d3e4beaab66f4d3f93db72541a4abab8af28d' },
};

let mirror = '/work/.mirror';
export const setMirror = (dir) => {
  mirror = dir;
};

export function gitShow(source, path) {
  const { repo, commit } = REPOS[source];
  const gitDir = join(mirror, repo.replace('/', '+'), 'repo');
  return execFileSync('git', ['-C', gitDir, 'show', `${commit}:${path}`], {
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function gitLsTree(source, dir) {
  const { repo, commit } = REPOS[source];
  const gitDir = join(mirror, repo.replace('/', '+'), 'repo');
  const out = execFileSync(
    'git',
    ['-C', gitDir, 'ls-tree', '--name-only', `${commit}`, `${dir}/`],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return out.toString('utf8').split('\n').filter(Boolean);
}

export const jsonl = (buf) =>
  buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

export const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest();

// The README's split rule: first 4 bytes of sha256(id) as a big-endian uint32, mod 100.
export function splitOf(id) {
  const bucket = sha256(id).readUInt32BE(0) % 100;
  if (bucket < 70) return 'train';
  if (bucket < 80) return 'calibration';
  return 'test';
}

// Hash order stands in for a seeded shuffle: stable, and adding candidates keeps the rest in order.
export function takeHashOrdered(items, n, seed) {
  return items
    .map((it) => ({ it, k: sha256(`${seed}\u0000${it.id}`).toString('hex') }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, n)
    .map((x) => x.it);
}

export const clean = (s) => s.replace(/<\|endoftext\|>/g, '').trim();

export const normalize = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
