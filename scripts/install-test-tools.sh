#!/usr/bin/env bash
# Installs the pinned tools the workflow tests need (act runs our example workflows the way a
# runner does; actionlint lints them), with `go install` from the Go module proxy, into a cache
# directory that later runs reuse. Prints the bin directory on the last line.
#   BB_TOOLS_DIR  where to install (default: ${XDG_CACHE_HOME:-$HOME/.cache}/bifrost-build-tools)
set -euo pipefail

# act v0.2.81 is the first release that accepts `runs.using: node24` (nektos/act#5883).
ACT_VERSION=v0.2.81
ACTIONLINT_VERSION=v1.7.12

tools_dir="${BB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bifrost-build-tools}"
bin_dir="$tools_dir/bin"
mkdir -p "$bin_dir"

install_tool() {
  local name="$1" module="$2" version="$3"
  local stamp="$bin_dir/.$name-$version"
  if [[ -x "$bin_dir/$name" && -f "$stamp" ]]; then
    return
  fi
  echo "installing $name $version from the module proxy" >&2
  # The tool's own go.mod decides its Go; GOTOOLCHAIN=auto lets go fetch it from the proxy.
  GOBIN="$bin_dir" GOFLAGS=-modcacherw GOTOOLCHAIN=auto CGO_ENABLED=0 go install "$module@$version"
  rm -f "$bin_dir/.$name-"*
  touch "$stamp"
}

install_tool act github.com/nektos/act "$ACT_VERSION"
install_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION"

echo "$bin_dir"
