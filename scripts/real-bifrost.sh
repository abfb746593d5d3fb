#!/usr/bin/env bash
# Runs this project's own CLI (dist/cli/index.js) on a Bifrost checkout the user supplies, the
# way Bifrost's CI and its forks build it, and prints one result line (with its time) per case:
#
#   1. go-work: local, hello-world + llm-only         -> both load
#   2. fork style (transports/go.mod replaces the in-tree modules):
#      hello-world (replace => ../../../core)         -> passes
#      llm-only (core v0.0.0-00010101000000-...)      -> refused for its label, with the fix
#      llm-only, align-modules: warn                  -> static FAIL, and the loader agrees
#      llm-only after the fix (go mod edit -require)  -> loads
#   3. mode: static, no plugins                       -> passes
#   4. libc: musl with hello-world (needs musl-gcc)   -> passes
#   5. ui: build of the real ui/ with next/font/google mocked (MOCK_FONTS=file.js) -> passes
#   6. plugin-only: hello-world built against the fork case's host (host-binary) -> loads
#   prepare: only make the gowork and default trees in $WORK (what bench/run --real builds)
#
# The release corpus (docs/real-bifrost.md, "The corpus"): the cases a user of that release runs,
# each with default inputs but --ui placeholder and the Go from the go line (goproxy, since the
# Go download site is not reachable here):
#   default       hello-world, the tree as the Makefile builds it: published modules when the
#                 module proxy serves them, else the fork style above (in-tree replaces)
#   examples      go-work local with every Go example plugin in examples/plugins
#   musl          hello-world on the default tree, libc musl
#   arm64         hello-world on the default tree, target linux/arm64, loaded under qemu-aarch64
#   plugin-only   hello-world built against the default case's host (host-binary)
#   table         print every row this work dir recorded as a Markdown table
# Each corpus case appends a row (release, go line, core, Go used, case, verdict, seconds) to
# $WORK/corpus.tsv; RELEASE names the release in it (default: the checkout's directory name).
#
# Usage: scripts/real-bifrost.sh <checkout> [cases...]
#   cases: default examples musl arm64 plugin-only table | gowork fork static ui prepare
# The checkout is copied (core framework plugins transports examples/plugins ui Makefile);
# it is never written to. Nothing of Bifrost is embedded here.
#
# Where the module proxy does not serve Bifrost's published module versions (or maxim-go
# v0.2.0), a workspace build still reads the go.mod of each required version go.work overrides;
# this script then puts the tree's own go.mod there when its hash matches go.sum, and replaces
# maxim-go v0.2.0 by v0.2.1. On GitHub's runners neither is needed, and neither is done.
set -uo pipefail

CHECKOUT=$(cd "${1:?usage: $0 <bifrost checkout> [gowork fork static musl ui]}" && pwd)
shift
CASES=${*:-default examples musl arm64 plugin-only}
RELEASE=${RELEASE:-$(basename "$CHECKOUT")}
# The Go the action picks with no go-version (the go line); `local` uses the Go on PATH.
GO_SOURCE=${GO_SOURCE:-goproxy}
HERE=$(cd "$(dirname "$0")/.." && pwd)
# BIFROST_BUILD_CLI: another build of this CLI (a branch's dist) to run instead.
CLI=${BIFROST_BUILD_CLI:-node $HERE/dist/cli/index.js}
WORK=${WORK:-$(mktemp -d /tmp/real-bifrost-XXXXXX)}
mkdir -p "$WORK"
export GOTOOLCHAIN=local GOFLAGS=${GOFLAGS:-}
export GOCACHE=${GOCACHE:-/tmp/gocache-real} GOMODCACHE=${GOMODCACHE:-/tmp/gomodcache-real}
CORE=github.com/maximhq/bifrost/core
PASS=0 FAILED=0

log() { printf '%s\n' "$*" | tee -a "$WORK/results.txt"; }

copy_tree() { # <dest>
  mkdir -p "$1"
  local p
  for p in core framework plugins transports examples/plugins ui Makefile; do
    [ -e "$CHECKOUT/$p" ] || continue
    mkdir -p "$1/$(dirname "$p")"
    cp -r "$CHECKOUT/$p" "$1/$p"
  done
  rm -rf "$1/ui/node_modules" "$1/ui/.next" "$1/ui/out"
}

# h1: hash of a lone go.mod, as go.sum records "<module> <version>/go.mod h1:..." (dirhash.Hash1
# over one file named go.mod).
gomod_h1() { # <file>
  printf '%s  go.mod\n' "$(sha256sum "$1" | cut -d' ' -f1)" | sha256sum | cut -d' ' -f1 | xxd -r -p | base64
}

# Each github.com/maximhq/bifrost/* version the tree requires and the proxy refuses: the tree's
# go.mod of that module, placed in the module cache's download dir when go.sum vouches for it.
seed_gomods() { # <tree>
  local tree=$1 mod ver rel want got dir
  grep -rhoE "github.com/maximhq/bifrost/[a-z0-9/_-]+ v[^ ]+" --include=go.mod "$tree" |
    awk '{print $1, $2}' | sort -u | while read -r mod ver; do
    rel=${mod#github.com/maximhq/bifrost/}
    [ -f "$tree/$rel/go.mod" ] || continue
    dir=$GOMODCACHE/cache/download/$mod/@v
    [ -f "$dir/$ver.mod" ] && continue
    (cd "$WORK" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "$mod@$ver" >/dev/null 2>&1) && continue
    want=$(grep -rh "^$mod $ver/go.mod " --include=go.sum "$tree" | head -1 | awk '{print $3}')
    got="h1:$(gomod_h1 "$tree/$rel/go.mod")"
    if [ "$want" = "$got" ]; then
      mkdir -p "$dir" && cp "$tree/$rel/go.mod" "$dir/$ver.mod"
      echo "seeded $mod@$ver/go.mod from the tree (hash matches go.sum)"
    fi
  done
}

maxim_refused() {
  ! (cd "$WORK" && GOWORK=off GOFLAGS=-mod=mod go mod download -json github.com/maximhq/maxim-go@v0.2.0 >/dev/null 2>&1)
}

# As .github/workflows/scripts/setup-go-workspace.sh: go work init, use the in-tree modules.
prepare_gowork() { # <tree>
  local T=$1
  copy_tree "$T"
  seed_gomods "$T"
  (cd "$T" && go work init && go work use ./core ./framework ./plugins/* ./transports)
  # go work init writes the go line of the Go on PATH; upstream's is the release's own Go
  # (the newest go line of the modules it uses).
  local newest
  newest=$(cat "$T"/core/go.mod "$T"/framework/go.mod "$T"/plugins/*/go.mod "$T"/transports/go.mod |
    awk '$1 == "go" {print $2}' | sort -V | tail -1)
  (cd "$T" && go work edit -go="$newest")
  maxim_refused && (cd "$T" && go work edit -replace=github.com/maximhq/maxim-go@v0.2.0=github.com/maximhq/maxim-go@v0.2.1)
}

# Fork style: transports builds from the in-tree modules (replace => ../<dir>).
prepare_fork() { # <tree>
  local T=$1 m rel p args=()
  copy_tree "$T"
  seed_gomods "$T"
  for m in $(grep -oE '^\s*github.com/maximhq/bifrost/[a-z0-9/_-]+' "$T/transports/go.mod" | sort -u); do
    rel=${m#github.com/maximhq/bifrost/}
    [ -f "$T/$rel/go.mod" ] && args+=("-replace=$m=../$rel")
  done
  maxim_refused && args+=(-replace=github.com/maximhq/maxim-go@v0.2.0=github.com/maximhq/maxim-go@v0.2.1)
  (cd "$T/transports" && go mod edit "${args[@]}")
  # The replacements change the module graph: go.mod and go.sum follow (as a fork commits them).
  (cd "$T/transports" && GOWORK=off go mod tidy >/dev/null 2>&1) || log "  go mod tidy in transports failed"
  (cd "$T/examples/plugins/hello-world" && go mod edit "-replace=$CORE=../../../core")
  # Outside a workspace each plugin's go.mod must be tidy against the in-tree core (llm-only's
  # as shipped is not: "updates to go.mod needed"); inside one, go.work decides.
  for p in hello-world llm-only; do
    (cd "$T/examples/plugins/$p" && GOWORK=off go mod tidy >/dev/null 2>&1) || log "  go mod tidy in examples/plugins/$p failed"
  done
}

# A result line: name, expected outcome (pass|fail), the grep that must match, the command.
expect() { # <name> <pass|fail> <pattern> -- <args...>
  local name=$1 want=$2 pattern=$3
  shift 4
  local out="$WORK/$name.log" t0 t1 rc ok=yes
  t0=$(date +%s%N)
  (cd "$WORK" && $CLI build --go-download-source "$GO_SOURCE" --output-dir "$WORK/out-$name" "$@") >"$out" 2>&1
  rc=$?
  t1=$(date +%s%N)
  [ "$want" = pass ] && [ $rc -ne 0 ] && ok=no
  [ "$want" = fail ] && [ $rc -eq 0 ] && ok=no
  [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$out" && ok=no
  if [ $ok = yes ]; then PASS=$((PASS + 1)); else FAILED=$((FAILED + 1)); fi
  log "$( [ $ok = yes ] && echo ok || echo NOT-OK ) $name: exit $rc (expected $want) in $(((t1 - t0) / 1000000000)) s; log $out"
  log "  command: bifrost-build build --go-download-source $GO_SOURCE $*"
  LAST_VERDICT=$([ $ok = yes ] && echo "as expected ($want)" || echo "NOT as expected (exit $rc, expected $want)")
  LAST_SECONDS=$(((t1 - t0) / 1000000000))
  [ -n "$pattern" ] && log "  matched: $(grep -oE -- "$pattern" "$out" | head -1 | cut -c1-400)"
}


# ---- the release corpus ----------------------------------------------------------------------
go_line() { awk '$1 == "go" {print $2; exit}' "$1/transports/go.mod"; }
core_version() { awk -v m="$CORE" '$1 == m {print $2; exit}' "$1/transports/go.mod"; }
# Go used: the go line (goproxy picks it) or the Go on PATH.
go_used() { # <tree>
  if [ "$GO_SOURCE" = local ]; then go env GOVERSION | sed 's/^go//'; else go_line "$1"; fi
}

# Whether the module proxy serves every github.com/maximhq/bifrost/* version transports requires.
modules_served() { # <tree>
  local mod_ver
  for mod_ver in $(awk '$1 ~ /^github.com\/maximhq\/bifrost\// && $2 ~ /^v/ {print $1 "@" $2}' "$1/transports/go.mod"); do
    (cd "$WORK" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "$mod_ver" >/dev/null 2>&1) || return 1
  done
}

# The tree as its users build it: as shipped when its modules are served, else fork style.
prepare_default() {
  local T=$WORK/default
  [ -d "$T" ] && return
  copy_tree "$WORK/probe"
  if modules_served "$WORK/probe"; then
    mv "$WORK/probe" "$T"
    DEFAULT_STYLE="published modules"
  else
    rm -rf "$WORK/probe"
    prepare_fork "$T"
    DEFAULT_STYLE="fork replaces (modules not served)"
  fi
  echo "$DEFAULT_STYLE" >"$T/.style"
}

row() { # <case> <what>
  local T=$WORK/default
  [ -d "$T" ] || T=$WORK/gowork
  printf '%s\t%s\t%s\t%s\t%s: %s\t%s\t%s\n' "$RELEASE" "$(go_line "$T")" "$(core_version "$T")" \
    "$(go_used "$T")" "$1" "$2" "$LAST_VERDICT" "$LAST_SECONDS" >>"$WORK/corpus.tsv"
}

example_plugins() { # <tree>: every Go example plugin (a main package with a go.mod; not WASM)
  local d
  for d in "$1"/examples/plugins/*/; do
    case $(basename "$d") in *wasm*) continue ;; esac
    [ -f "$d/go.mod" ] && grep -qs '^package main' "$d"/*.go && printf '%s=%s,' "$(basename "$d")" "${d%/}"
  done
}

: >"$WORK/results.txt"
log "checkout $CHECKOUT, work dir $WORK, $(go version)"

for c in $CASES; do case $c in
default)
  prepare_default
  T=$WORK/default
  expect default-hello-world pass 'pass  load  hello-world.so: plugin status: hello-world - active' -- \
    --source "$T" --ui placeholder --plugins "hello-world=$T/examples/plugins/hello-world"
  row default "hello-world, $(cat "$T/.style")"
  grep -h 'offline stub\|host fetched' "$WORK/default-hello-world.log" | head -2 | tee -a "$WORK/results.txt"
  ;;
examples)
  T=$WORK/gowork
  [ -d "$T" ] || prepare_gowork "$T"
  list=$(example_plugins "$T")
  n=$(printf '%s' "$list" | tr -cd , | wc -c)
  # Exit 0 means every check passed, each plugin's load among them.
  expect examples-go-work pass 'pass  load  ' -- \
    --source "$T" --go-work local --ui placeholder --plugins "${list%,}"
  grep -h 'load  ' "$WORK/examples-go-work.log" | tee -a "$WORK/results.txt"
  row examples "go-work local, $n Go example plugins ($(printf '%s' "${list%,}" | sed 's/=[^,]*//g'))"
  ;;
musl|arm64)
  prepare_default
  T=$WORK/default
  if [ "$c" = musl ]; then
    command -v musl-gcc >/dev/null || { log "NOT-OK musl: musl-gcc not found (apt-get install musl-tools)"; FAILED=$((FAILED + 1)); continue; }
    extra=(--libc musl)
  else
    command -v qemu-aarch64 >/dev/null || { log "NOT-OK arm64: qemu-aarch64 not found (apt-get install qemu-user)"; FAILED=$((FAILED + 1)); continue; }
    extra=(--target linux/arm64)
  fi
  expect "$c-hello-world" pass 'pass  load  hello-world.so: plugin status: hello-world - active' -- \
    --source "$T" --ui placeholder "${extra[@]}" --plugins "hello-world=$T/examples/plugins/hello-world"
  row "$c" "hello-world, ${extra[*]}"
  ;;
plugin-only)
  T=$WORK/default host=$WORK/out-default-hello-world/bifrost-http
  [ -x "$host" ] || { T=$WORK/fork host=$WORK/out-fork-hello-world/bifrost-http; }
  [ -x "$host" ] || { echo "plugin-only needs the default (or fork) case first"; continue; }
  # The host is copied: the default case's output-dir is cleared by later runs into it.
  cp "$host" "$WORK/host-bifrost-http"
  expect plugin-only-hello-world pass 'pass  load  hello-world.so: plugin status: hello-world - active' -- \
    --host-binary "$WORK/host-bifrost-http" --plugins "hello-world=$T/examples/plugins/hello-world"
  row plugin-only "hello-world against the default host (host-binary)"
  ;;
table)
  printf '| release | go line | core | Go used | case | verdict | time (s) |\n|---|---|---|---|---|---|---|\n'
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}' "$WORK/corpus.tsv"
  exit 0
  ;;
gowork)
  T=$WORK/gowork
  prepare_gowork "$T"
  expect gowork-local pass 'pass  load  llm-only.so: plugin status: llm-only - active' -- \
    --source "$T" --go-work local --ui placeholder \
    --plugins "hello-world=$T/examples/plugins/hello-world,llm-only=$T/examples/plugins/llm-only"
  grep -h 'pass  load' "$WORK/gowork-local.log" | tee -a "$WORK/results.txt"
  ;;
fork)
  T=$WORK/fork
  prepare_fork "$T"
  expect fork-hello-world pass 'pass  load  hello-world.so: plugin status: hello-world - active' -- \
    --source "$T" --ui placeholder --plugins "hello-world=$T/examples/plugins/hello-world"
  expect fork-llm-only-refused fail "go mod edit -require=$CORE@v[0-9.]+" -- \
    --source "$T" --ui placeholder --plugins "llm-only=$T/examples/plugins/llm-only"
  expect fork-llm-only-static-check fail "FAIL  buildinfo.module  llm-only.so: module $CORE has another version label[^F]*" -- \
    --source "$T" --ui placeholder --align-modules warn --plugins "llm-only=$T/examples/plugins/llm-only"
  grep -h 'FAIL  load' "$WORK/fork-llm-only-static-check.log" | cut -c1-300 | tee -a "$WORK/results.txt"
  fix=$(grep -oE "go mod edit -require=$CORE@v[0-9.]+" "$WORK/fork-llm-only-refused.log" | head -1)
  log "  following the fix in examples/plugins/llm-only: $fix"
  (cd "$T/examples/plugins/llm-only" && $fix)
  expect fork-llm-only-fixed pass 'pass  load  llm-only.so: plugin status: llm-only - active' -- \
    --source "$T" --ui placeholder --plugins "llm-only=$T/examples/plugins/llm-only"
  ;;
static)
  [ -d "$WORK/fork" ] || { echo "static needs the fork case first"; continue; }
  expect static-no-plugins pass 'pass  linkage.static  bifrost-http' -- \
    --source "$WORK/fork" --ui placeholder --mode static
  ;;
musl)
  [ -d "$WORK/fork" ] || { echo "musl needs the fork case first"; continue; }
  command -v musl-gcc >/dev/null || { log "NOT-OK musl: musl-gcc not found (apt-get install musl-tools)"; FAILED=$((FAILED + 1)); continue; }
  expect musl-hello-world pass 'pass  load  hello-world.so: plugin status: hello-world - active' -- \
    --source "$WORK/fork" --ui placeholder --libc musl --plugins "hello-world=$WORK/fork/examples/plugins/hello-world"
  ;;
ui)
  [ -d "$WORK/fork" ] || { echo "ui needs the fork case first"; continue; }
  # next/font/google fetches fonts.googleapis.com at build time. Offline, next reads
  # NEXT_FONT_GOOGLE_MOCKED_RESPONSES (a module mapping each css2 URL to its CSS; font files whose
  # URL is not a path become their URL's bytes). MOCK_FONTS=<file.js> uses your own; by default a
  # stand-in answers every URL with one latin @font-face of the requested family.
  if [ -z "${MOCK_FONTS:-}" ]; then
    MOCK_FONTS=$WORK/mock-google-fonts.js
    cat >"$MOCK_FONTS" <<'JS'
const css = url => {
  const family = new URL(url).searchParams.get('family').split(':')[0]
  return `/* latin */\n@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 100 900;\n  font-display: swap;\n  src: url(https://fonts.gstatic.com/s/mock/${encodeURIComponent(family)}.woff2) format('woff2');\n  unicode-range: U+0000-00FF;\n}\n`
}
module.exports = new Proxy({}, { get: (_, url) => (typeof url === 'string' && url.startsWith('https://') ? css(url) : undefined) })
JS
  fi
  NEXT_FONT_GOOGLE_MOCKED_RESPONSES=$MOCK_FONTS NEXT_TELEMETRY_DISABLED=1 \
    expect ui-build pass 'pass  linkage.static  bifrost-http' -- --source "$WORK/fork" --ui build --mode static
  strings "$WORK/out-ui-build/bifrost-http" | grep -m1 -oE '<title>[^<]*</title>' | sed 's/^/  embedded UI: /' | tee -a "$WORK/results.txt"
  ;;
prepare)
  # The two trees only, for the benchmark (bench/run --real): no build runs. default is the
  # tree as its users build it (published modules when served, else fork style).
  prepare_gowork "$WORK/gowork"
  prepare_default
  log "prepared $WORK/gowork and $WORK/default ($(cat "$WORK/default/.style"))"
  ;;
*) echo "unknown case $c" ;;
esac done

log "$PASS as expected, $FAILED not"
[ "$FAILED" -eq 0 ]
