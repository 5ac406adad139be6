#!/usr/bin/env bash
# `make breaking`: fail when the .proto files in the working tree break wire or source
# compatibility (buf's FILE rules, proto/buf.yaml) with an earlier revision of proto/.
#
# Baseline, first that applies (docs/adr/0004-grpc-contract.md):
#   1. $BREAKING_AGAINST, any git revision (a release tag, origin/main, a commit);
#   2. on a branch ahead of origin/main: the merge base, so every unmerged commit is checked;
#   3. uncommitted changes under proto/: HEAD, so the change being made is checked;
#   4. otherwise (CI's fresh clone of main): the parent of the newest commit that changed
#      proto/, so the latest contract change is checked even when later commits did not touch it.
# A baseline without proto/buf.yaml (the contract did not exist yet) is skipped, saying so.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUF=${BUF:-node_modules/.bin/buf}
SOURCES=(proto/sluice proto/buf.yaml)

baseline() {
  if [[ -n "${BREAKING_AGAINST:-}" ]]; then
    echo "$BREAKING_AGAINST"
  elif git rev-parse -q --verify origin/main >/dev/null &&
    ! git merge-base --is-ancestor HEAD origin/main; then
    git merge-base HEAD origin/main
  elif [[ -n "$(git status --porcelain -- "${SOURCES[@]}")" ]]; then
    echo HEAD
  else
    echo "$(git rev-list -1 --abbrev-commit HEAD -- "${SOURCES[@]}")^"
  fi
}

ref=$(baseline)
if ! commit=$(git rev-parse -q --verify "${ref}^{commit}") ||
  ! git cat-file -e "${commit}:proto/buf.yaml" 2>/dev/null; then
  echo "buf breaking: skipped, no earlier revision with proto/buf.yaml (baseline ${ref})"
  exit 0
fi
if [[ ! -x "$BUF" ]]; then
  echo "buf breaking: $BUF not found; run 'make install' (or set BUF)" >&2
  exit 1
fi

against=$(mktemp -d)
trap 'rm -rf "$against"' EXIT
git archive "$commit" proto/sluice proto/buf.yaml | tar -x -C "$against"
echo "buf breaking: proto/ (working tree) against ${ref} ($(git rev-parse --short "$commit"))"
"$BUF" breaking proto --against "$against/proto"
echo "buf breaking: no breaking changes"
