// P3 (bigscience promptsource templates) as sampled into Self-Instruct's t0_train_50k.

import { clean, gitLsTree, gitShow, jsonl, sha256, takeHashOrdered } from './common.mjs';

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
  ['kilt_tasks_hotpotqa_', 'short-answer', 25, 'MIT (KILT) / CC BY-SA 4.0 (HotpotQA)'],
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

export function p3(fits) {
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
