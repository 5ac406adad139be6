// Benchmarks whose own category gives the kind: GSM8K, HumanEval, Arena-Hard v2, BIG-Bench Hard.

import { gunzipSync } from 'node:zlib';
import { gitShow, jsonl, sha256, takeHashOrdered } from './common.mjs';

export function gsm8k() {
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

export function humaneval() {
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
const ARENA_REWRITE =
  /\b(improve|rewrite|re-write|proofread|edit|polish|revise|rephrase|paraphrase|fix)\b/i;

export function arenaHard() {
  const rows = jsonl(gitShow('arenahard', 'data/arena-hard-v2.0/question.jsonl'));
  return rows.map((row) => {
    let kind = ARENA_V2_KIND[`${row.category}/${row.subcategory}`];
    if (!kind) throw new Error(`arena-hard: unmapped ${row.category}/${row.subcategory}`);
    if (kind === 'math' && ARENA_CODE.test(row.prompt)) kind = 'code';
    if (kind === 'creative-writing' && ARENA_REWRITE.test(row.prompt.slice(0, 300)))
      kind = 'rewriting';
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

export function bbh() {
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
