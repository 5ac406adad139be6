import type { Example } from './examples.js';
import { foldOf, GROUP_FOLDS, groupKeyOf, holdOutGroups } from './task-groups.js';

describe('groupKeyOf', () => {
  it('groups P3 by template and BIG-Bench Hard by task, dropping the row number', () => {
    expect(groupKeyOf('p3:amazon_polarity_Is_this_review-0012')).toBe(
      'p3:amazon_polarity_Is_this_review',
    );
    expect(groupKeyOf('p3:amazon_polarity_Is_this_review_negative-0012')).toBe(
      'p3:amazon_polarity_Is_this_review_negative',
    );
    expect(groupKeyOf('bbh:logical_deduction_five_objects-031')).toBe(
      'bbh:logical_deduction_five_objects',
    );
  });

  it('groups authored prompts by their file, whatever ask and passage they carry', () => {
    expect(groupKeyOf('authored:oq-0a1b2c3d4e')).toBe('authored:oq');
    expect(groupKeyOf('authored:rw-0a1b2c3d4e-in-ffeeddccbb')).toBe('authored:rw');
    expect(groupKeyOf('authored:sm-0a1b2c3d4e-cnn-0042')).toBe('authored:sm');
  });

  it('keeps one-off sources (a Self-Instruct task, a GSM8K problem, an Arena-Hard prompt) apart', () => {
    for (const id of [
      'self-instruct:user_oriented_task_17',
      'gsm8k:train-00042',
      'humaneval:12',
      'arena-hard-v2:0001b527ced3428d',
    ]) {
      expect(groupKeyOf(id)).toBe(id);
    }
  });
});

function examples(): Example[] {
  const out: Example[] = [];
  for (let t = 0; t < 40; t++) {
    for (let i = 0; i < 5; i++) {
      const split = i === 0 ? 'test' : i === 1 ? 'calibration' : 'train';
      out.push({
        id: `p3:template_${t}-${i}`,
        source: 'p3',
        kind: 'math',
        split,
        text: `${t} ${i}`,
      });
      out.push({ id: `bbh:task_${t}-${i}`, source: 'bbh', kind: 'reasoning', split, text: `${i}` });
    }
    out.push({ id: `gsm8k:train-${t}`, source: 'gsm8k', kind: 'math', split: 'train', text: '' });
  }
  return out;
}

describe('holdOutGroups', () => {
  const folds = Array.from({ length: GROUP_FOLDS }, (_, fold) => holdOutGroups(examples(), fold));

  it('puts every template or task wholly on one side', () => {
    for (const { kept, heldOut } of folds) {
      // The template is read from the id here, not with groupKeyOf: a per-example split fails this.
      const template = (e: Example) => (e.source === 'gsm8k' ? e.id : e.id.replace(/-\d+$/, ''));
      const keptTemplates = new Set(kept.map(template));
      for (const e of heldOut) expect(keptTemplates.has(template(e))).toBe(false);
      expect(kept.length + heldOut.length).toBe(examples().length);
    }
  });

  it('holds out each example in exactly one fold, about a fifth of the groups each', () => {
    const heldOutIds = folds.flatMap((f) => f.heldOut.map((e) => e.id));
    expect(new Set(heldOutIds).size).toBe(heldOutIds.length);
    expect(heldOutIds.length).toBe(examples().length);
    for (const { heldOutGroups } of folds) {
      expect(heldOutGroups).toBeGreaterThan(0.1 * 120);
      expect(heldOutGroups).toBeLessThan(0.3 * 120);
    }
  });

  it('is the same every run and in any order', () => {
    const again = holdOutGroups([...examples()].reverse(), 2);
    expect(new Set(again.heldOut.map((e) => e.id))).toEqual(
      new Set(folds[2]?.heldOut.map((e) => e.id)),
    );
    expect(foldOf('p3:template_3')).toBe(foldOf('p3:template_3'));
    expect(foldOf('p3:template_3', 1)).toBe(0);
  });
});
