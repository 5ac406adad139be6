import { scopeViolations } from './decision-scope.js';

describe('scopeViolations', () => {
  it.each([
    ['an unscoped token reaches every decision', {}, { team: 'a' }, []],
    ["a team's token reaches its team's decisions", { team: 'a' }, { team: 'a', x: '1' }, []],
    ["another team's decision", { team: 'a' }, { team: 'b' }, ['team=a']],
    ["the tenant's untagged decision", { team: 'a' }, {}, ['team=a']],
    ['one scoped tag of two missing', { team: 'a', product: 'p' }, { team: 'a' }, ['product=p']],
  ])('%s', (_label, scope, tags, missing) => {
    const found = scopeViolations(scope, tags, 'decision_id');
    expect(found.map((v) => v.field)).toEqual(missing.map(() => 'decision_id'));
    missing.forEach((tag, i) => expect(found[i]?.description).toContain(tag));
  });
});
