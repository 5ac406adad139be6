import type { FieldViolation } from '../../grpc/sluice-error.js';
import { textViolation, unprintable } from '../../grpc/validation/storable.js';

// common.proto: keys ^[a-z][a-z0-9_]{0,62}$, values 1 to 256 characters, at most 32 tags.
const TAG_KEY = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_TAGS = 32;
const MAX_VALUE = 256;

/** What is wrong with a tag map, each tag named as `<field>[<key>]`. */
export function tagViolations(
  tags: Readonly<Record<string, string>>,
  field = 'tags',
): FieldViolation[] {
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS)
    return [{ field, description: `must have at most ${MAX_TAGS} tags, has ${entries.length}` }];
  return entries.flatMap(([key, value]): FieldViolation[] => {
    if (!TAG_KEY.test(key))
      return [{ field: `${field}[${key}]`, description: 'key must match ^[a-z][a-z0-9_]{0,62}$' }];
    if (value.length === 0 || value.length > MAX_VALUE)
      return [{ field: `${field}[${key}]`, description: `must be 1 to ${MAX_VALUE} characters` }];
    return textViolation(`${field}[${key}]`, value, unprintable);
  });
}
