// Self-Instruct's human-written tasks, labelled by hand (the source has no kinds).

import { gitShow, jsonl } from './common.mjs';

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
]
  .join(' ')
  .split(' ');
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
]
  .join(' ')
  .split(' ');

export function selfInstruct() {
  const out = [];
  const files = [
    ['data/seed_tasks.jsonl', SELF_INSTRUCT_SEED_LABELS, 175],
    ['human_eval/user_oriented_instructions.jsonl', SELF_INSTRUCT_USER_LABELS, 252],
  ];
  for (const [path, labels, expected] of files) {
    const rows = jsonl(gitShow('selfinstruct', path));
    if (rows.length !== expected || labels.length !== expected) {
      throw new Error(
        `self-instruct ${path}: ${rows.length} rows, ${labels.length} labels, expected ${expected}`,
      );
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
