#!/usr/bin/env bash
# The shell side of the mtlint GitHub Action (action.yml at the repository root). Each step of the
# action calls one command of this script, so the logic can be run and tested outside GitHub
# (tests/action.rs runs it on the fixtures):
#
#   run.sh key       print the cache key of the mtlint to install (action source + version input)
#   run.sh install   install mtlint with cargo: the action's own checkout, or a crates.io release
#   run.sh check     run `mtlint check`: SARIF to a file, or annotations / another format to stdout
#   run.sh verdict   fail when the check deferred its failure until after the SARIF upload
#
# Inputs come from the environment (the action passes its inputs there, never into the script
# text): INPUT_PATHS, INPUT_ARGS, INPUT_VERSION, INPUT_FAIL_ON, INPUT_SARIF, INPUT_SARIF_FILE,
# INPUT_FORMAT, and MTLINT_STATUS for `verdict`. GITHUB_ACTION_PATH, GITHUB_OUTPUT and RUNNER_TEMP
# are GitHub's; MTLINT names the binary to run (default: mtlint on PATH, else ~/.cargo/bin/mtlint).
#
# Written for bash 3.2 too (macOS runners). Exit codes of `check` are mtlint's: 0 clean, 1 findings at or above fail-on, 2 the tool failed.
set -uo pipefail

action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}

die() {
  echo "::error title=mtlint action::$*" >&2
  exit 2
}

# name=value to the step's outputs (GITHUB_OUTPUT), when there is one.
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "$1=$2" >>"$GITHUB_OUTPUT"
  fi
}

is_true() {
  case "$1" in
    true | True | TRUE | yes | 1 | on) return 0 ;;
    false | False | FALSE | no | 0 | off | "") return 1 ;;
    *) die "expected true or false, got '$1'" ;;
  esac
}

# A digest of everything a build of the action's checkout depends on.
source_digest() {
  (
    cd "$action_path" || exit 2
    find Cargo.toml Cargo.lock build.rs build src rules -type f 2>/dev/null | LC_ALL=C sort |
      while IFS= read -r f; do
        printf '%s\n' "$f"
        cat "$f"
      done
  ) | sha256 | cut -c1-64
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}

cmd_key() {
  local version=${INPUT_VERSION:-}
  local key
  if [ -z "$version" ]; then
    key="source-$(source_digest)"
  else
    key="release-$version"
  fi
  output key "$key"
  echo "$key"
}

# Always into ~/.cargo/bin, the folder the action caches, whatever CARGO_HOME says; without the
# debug information the release profile keeps for profiling (a smaller binary to cache).
cmd_install() {
  export CARGO_PROFILE_RELEASE_DEBUG=0
  command -v cargo >/dev/null || die "cargo is not installed: add a Rust toolchain step (e.g. dtolnay/rust-toolchain@stable) before this action"
  local version=${INPUT_VERSION:-}
  if [ -z "$version" ]; then
    cargo install --locked --root "$HOME/.cargo" --path "$action_path" || die "cargo install from $action_path failed"
  else
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || die "version must be empty or a release such as 0.1.0, got '$version'"
    cargo install --locked --root "$HOME/.cargo" mtlint --version "=$version" || die "cargo install mtlint $version failed"
  fi
}

mtlint_bin() {
  if [ -n "${MTLINT:-}" ]; then
    echo "$MTLINT"
  elif command -v mtlint >/dev/null; then
    echo mtlint
  elif [ -x "$HOME/.cargo/bin/mtlint" ]; then
    echo "$HOME/.cargo/bin/mtlint"
  else
    die "mtlint is not installed (run.sh install) and MTLINT is not set"
  fi
}

cmd_check() {
  local bin fail_on format sarif_file status
  bin=$(mtlint_bin) || exit 2
  fail_on=${INPUT_FAIL_ON:-warning}
  case "$fail_on" in
    error | warning | info) ;;
    never) ;;
    *) die "fail-on must be error, warning, info or never, got '$fail_on'" ;;
  esac
  format=${INPUT_FORMAT:-github}
  case "$format" in
    github | brief | terminal | json) ;;
    *) die "format must be github, brief, terminal or json, got '$format' (use sarif: true for SARIF)" ;;
  esac
  # Paths and extra arguments are split at white space, never globbed and never evaluated.
  set -f
  # shellcheck disable=SC2206
  local paths=(${INPUT_PATHS:-.})
  # shellcheck disable=SC2206
  local extra=(${INPUT_ARGS:-})
  set +f
  local args=(check --color never)
  [ "$fail_on" = never ] && args+=(--fail-on error) || args+=(--fail-on "$fail_on")

  if is_true "${INPUT_SARIF:-false}"; then
    sarif_file=${INPUT_SARIF_FILE:-${RUNNER_TEMP:-.}/mtlint.sarif}
    "$bin" "${args[@]}" --format sarif ${extra[@]+"${extra[@]}"} -- "${paths[@]}" >"$sarif_file"
    status=$?
    output sarif-file "$sarif_file"
    echo "mtlint: $(grep -o '"ruleId"' "$sarif_file" | wc -l | tr -d ' ') finding(s) written to $sarif_file"
  else
    "$bin" "${args[@]}" --format "$format" ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
    status=$?
  fi
  [ "$fail_on" = never ] && [ "$status" -eq 1 ] && status=0
  output status "$status"
  if [ "$status" -eq 1 ] && is_true "${INPUT_SARIF:-false}"; then
    # Upload the SARIF first; `verdict` fails the job afterwards.
    echo "mtlint: findings at or above '$fail_on'; the action fails after the SARIF upload"
    exit 0
  fi
  exit "$status"
}

cmd_verdict() {
  local status=${MTLINT_STATUS:-0}
  if [ "$status" = 1 ]; then
    echo "::error title=mtlint::findings at or above '${INPUT_FAIL_ON:-warning}' (see the code scanning alerts)"
    exit 1
  fi
  exit 0
}

case "${1:-}" in
  key) cmd_key ;;
  install) cmd_install ;;
  check) cmd_check ;;
  verdict) cmd_verdict ;;
  *) die "usage: run.sh key|install|check|verdict" ;;
esac
