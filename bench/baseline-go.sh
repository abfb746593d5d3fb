#!/usr/bin/env bash
# Installing Go by hand, as "Visit: https://go.dev/dl/" leaves it to the user: download the
# archive, check its SHA-256 against the published one, unpack it.
#
#   bench/baseline-go.sh <archive url> <sha256> <dest dir>
set -euo pipefail

url=$1
sha=$2
dest=$3
mkdir -p "$dest"
cd "$dest"
file=$(basename "$url")
curl -fsSLO "$url"
echo "$sha  $file" | sha256sum -c --quiet -
tar -xzf "$file"
rm "$file"
go/bin/go version >/dev/null
