// What a Helm template refers to, read from its text without rendering it: the `.Values` paths it
// reads, the named templates it includes, and the chart files it embeds. Enough to check that a
// template asks for nothing values.yaml and values.schema.json do not define, which is where
// hand-written charts break when nobody can run `helm template`.
const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const COMMENT = /^\s*\/\*[\s\S]*\*\/\s*$/;
// `.Values.a.b` or `$.Values.a.b`; a path ends where an identifier ends.
const VALUES_PATH = /\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;
const INCLUDE = /\b(?:include|template)\s+"([^"]+)"/g;
const DEFINE = /\bdefine\s+"([^"]+)"/g;
const FILES_GET = /\.Files\.Get\s+"([^"]+)"/g;

/** The code of every template action, comments left out. */
export function actions(text: string): string[] {
  return [...text.matchAll(ACTION)].map((m) => m[1] ?? '').filter((code) => !COMMENT.test(code));
}

const all = (text: string, pattern: RegExp): string[] =>
  actions(text).flatMap((code) => [...code.matchAll(pattern)].map((m) => m[1] ?? ''));

export interface TemplateRefs {
  /** Each `.Values` path, split on dots ("operator.image.tag" -> ["operator","image","tag"]). */
  readonly values: string[][];
  readonly includes: string[];
  readonly defines: string[];
  readonly files: string[];
}

export function templateRefs(text: string): TemplateRefs {
  const unique = (list: string[]): string[] => [...new Set(list)].sort();
  return {
    values: unique(all(text, VALUES_PATH)).map((p) => p.split('.').slice(1)),
    includes: unique(all(text, INCLUDE)),
    defines: unique(all(text, DEFINE)),
    files: unique(all(text, FILES_GET)),
  };
}
