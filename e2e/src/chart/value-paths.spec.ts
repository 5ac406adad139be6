import { schemaHasPath, valuesHavePath } from './value-paths.js';

const values = { api: { image: { tag: '' }, extraEnv: [] }, flag: false };

describe('valuesHavePath', () => {
  it.each<[string[], boolean]>([
    [['api', 'image', 'tag'], true],
    [['api', 'extraEnv'], true],
    [['flag'], true],
    [['api', 'image', 'digest'], false],
    [['flag', 'nested'], false],
    [['api', 'extraEnv', 'name'], false],
  ])('%j: %s', (path, expected) => {
    expect(valuesHavePath(values, path)).toBe(expected);
  });
});

describe('schemaHasPath', () => {
  const schema = {
    definitions: {
      image: { type: 'object', properties: { tag: { type: 'string' } } },
      loop: { $ref: '#/definitions/loop' },
    },
    properties: {
      api: {
        type: 'object',
        properties: { image: { $ref: '#/definitions/image' }, bad: { $ref: '#/definitions/loop' } },
      },
    },
  };
  it.each<[string[], boolean]>([
    [['api'], true],
    [['api', 'image', 'tag'], true],
    [['api', 'image', 'digest'], false],
    [['api', 'bad'], false],
    [['operator'], false],
  ])('%j: %s', (path, expected) => {
    expect(schemaHasPath(schema, path)).toBe(expected);
  });
});
