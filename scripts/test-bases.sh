#!/usr/bin/env bash
# Root file systems the image tests use as base images, built once per machine and reused:
#   bookworm.tar  Debian 12 minbase with wget and ca-certificates (the seed's glibc runtime)
#   musl.tar      a stand-in for Alpine: Debian's musl loader and busybox-static with sh, wget
#                 and adduser links, /etc/passwd and /etc/group (the seed's musl runtime)
# Each is a plain tar of a root file system; the tests turn them into images and push them
# into their own loopback registry. A stamp holds this script's SHA-256, so an edit rebuilds.
#
# Usage: scripts/test-bases.sh [dir]   (default: $BIFROST_BUILD_TEST_BASES, else
#        ${TMPDIR:-/tmp}/bifrost-build-test-bases). Prints the directory.
set -euo pipefail
dir=${1:-${BIFROST_BUILD_TEST_BASES:-${TMPDIR:-/tmp}/bifrost-build-test-bases}}
mkdir -p "$dir"
stamp="$dir/stamp"
want=$(sha256sum "$0" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dir/bookworm.tar" ] && [ -f "$dir/musl.tar" ]; then
  echo "$dir"
  exit 0
fi
rm -f "$stamp"
work=$(mktemp -d "$dir/.work-XXXXXX")
trap 'rm -rf "$work"' EXIT

# glibc: Debian's own minimal system, as debian:bookworm-slim plus what the seed installs.
mmdebstrap --quiet --variant=minbase --include=wget,ca-certificates \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  bookworm "$work/bookworm.tar" >&2

# musl: the loader, busybox for sh/wget/adduser, and the account files Alpine has.
root="$work/musl"
mkdir -p "$root"/{bin,sbin,etc,lib,tmp,usr/bin,usr/sbin,home}
chmod 1777 "$root/tmp"
cp -L /lib/ld-musl-x86_64.so.1 "$root/lib/ld-musl-x86_64.so.1"
ln -s ld-musl-x86_64.so.1 "$root/lib/libc.musl-x86_64.so.1"
cp /bin/busybox "$root/bin/busybox"
for app in sh ls cat id stat chown chmod mkdir rm echo sleep true false test env; do
  ln -s busybox "$root/bin/$app"
done
ln -s ../../bin/busybox "$root/usr/bin/wget"
ln -s ../../bin/busybox "$root/usr/sbin/adduser"
ln -s ../../bin/busybox "$root/usr/sbin/addgroup"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:root\nnogroup:x:65534:\n' >"$root/etc/group"
mkdir -p "$root/root"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/musl.tar" .

mv "$work/bookworm.tar" "$work/musl.tar" "$dir/"
echo "$want" >"$stamp"
echo "$dir"
