import { ownerKeys } from './owners.js';

const ref = (apiVersion: string, kind: string, name: string, controller?: boolean) => ({
  apiVersion,
  kind,
  name,
  uid: `${name}-uid`,
  ...(controller === undefined ? {} : { controller }),
});
const child = (refs: ReturnType<typeof ref>[], namespace?: string) => ({
  metadata: { name: 'c', ...(namespace ? { namespace } : {}), ownerReferences: refs },
});
const model = { group: 'sluice.dev', kind: 'InferenceModel' };

describe('ownerKeys', () => {
  it.each([
    ['its controller owner', [ref('sluice.dev/v1alpha1', 'InferenceModel', 'm', true)], ['ns/m']],
    ['any version of the group', [ref('sluice.dev/v2', 'InferenceModel', 'm', true)], ['ns/m']],
    ['not another group', [ref('other.dev/v1', 'InferenceModel', 'm', true)], []],
    ['not another kind', [ref('sluice.dev/v1alpha1', 'Other', 'm', true)], []],
    ['not a non-controller owner', [ref('sluice.dev/v1alpha1', 'InferenceModel', 'm')], []],
    ['no owners', [], []],
  ])('maps %s', (_name, refs, expected) => {
    expect(ownerKeys(child(refs, 'ns'), model)).toEqual(expected);
  });

  it('includes non-controller owners when asked, and handles cluster scope and core group', () => {
    const refs = [ref('v1', 'ConfigMap', 'a'), ref('v1', 'ConfigMap', 'b', true)];
    expect(ownerKeys(child(refs), { group: '', kind: 'ConfigMap' }, false)).toEqual(['a', 'b']);
  });
});
