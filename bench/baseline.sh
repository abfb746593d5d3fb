#!/usr/bin/env bash
# What one action run does, written by hand the way building-dynamic-bifrost.md does it:
# a dynamic host (no -extldflags '-static', no sqlite_static), each plugin with
# -buildmode=plugin and the same Go and flags, ldd to check the linkage, then checksums and
# an archive. The benchmark runs it against `bifrost-build build` on the same checkout.
#
#   bench/baseline.sh [-a] <bifrost checkout> <output dir> <version> <plugin dir>...
#
# Go, GOCACHE, GOMODCACHE, GOPROXY and GOWORK (default off) come from the environment, as in a
# CI job. Flags match the action's build commands (BUILD.md): -trimpath on both, and no -a
# unless asked: `-a` is the Makefile's and the Dockerfile's line as written, which rebuilds
# every package, the standard library included, whatever GOCACHE holds.
set -euo pipefail
all=()
if [ "${1:-}" = -a ]; then
  all=(-a)
  shift
fi

src=$(cd "$1" && pwd)
mkdir -p "$2/plugins"
out=$(cd "$2" && pwd)
version=$3
shift 3

export CGO_ENABLED=1 GOOS=linux GOWORK=${GOWORK:-off}
ldflags="-w -s -X main.Version=v${version}"

# The host embeds ui/ (//go:embed all:ui); without a built UI it needs a placeholder.
ui="$src/transports/bifrost-http/ui"
if [ ! -d "$ui" ]; then
  mkdir -p "$ui"
  echo '<!doctype html><title>Bifrost</title>' >"$ui/index.html"
  trap 'rm -rf "$ui"' EXIT
fi

cd "$src/transports"
go mod download
go build -ldflags="$ldflags" "${all[@]}" -trimpath -o "$out/bifrost-http" ./bifrost-http

for dir in "$@"; do
  (cd "$src/$dir" && go build -buildmode=plugin -ldflags="$ldflags" "${all[@]}" -trimpath \
    -o "$out/plugins/$(basename "$dir").so" .)
done

ldd "$out/bifrost-http"

cd "$out"
sha256sum bifrost-http plugins/*.so >SHA256SUMS
tar czf "bifrost-${version}-linux-amd64.tar.gz" bifrost-http plugins SHA256SUMS
