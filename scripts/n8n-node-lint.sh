#!/usr/bin/env bash
# n8n's official node CLI, `n8n-node lint` (@n8n/node-cli, pinned in package.json), run unchanged, in
# strict mode, with the CLI's own default eslint.config.mjs, over exactly the sources this package
# ships: package.json, nodes/, credentials/ and the icons they name.
#
# Why not on the repository itself: strict mode ("strict": true in package.json's n8n section)
# requires eslint.config.mjs to be the CLI's template, byte for byte but whitespace, and that config
# lints every *.ts file under the package's directory with the n8n Cloud rules (no `process`, no
# `setTimeout`, no Node.js imports, ...). The development code beside the package (test/, sandbox/,
# engine/, bench/, demo/, scripts/) is Node.js code and breaks them by design; flat config has no
# ignore file, and the template cannot carry an `ignores` entry. See README, "What is checked about
# the package". n8n's scanner lints the same files this script copies (its SOURCE_FILE_PATTERNS).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
template="$root/node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs"
[[ -f "$template" ]] || { echo "n8n-node-lint: @n8n/node-cli is not installed (npm ci)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/n8n-node-lint.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R package.json nodes credentials icons "$work/"
cp "$template" "$work/eslint.config.mjs"
ln -s "$root/node_modules" "$work/node_modules"

# eslint-plugin-n8n-nodes-base reads file names from its own fixtures when NODE_ENV=test (as jest sets
# it), and then reports every node file: the CLI must not inherit that.
unset NODE_ENV
echo "n8n-node lint over the shipped sources (package.json, nodes/, credentials/, icons/) in $work"
cd "$work"
"$root/node_modules/.bin/n8n-node" lint
