#!/usr/bin/env bash
# Prints the path of a ~200 MB Debian minbase root file system tar, made once with
# `debootstrap --variant=minbase bookworm` from the apt mirror and cached in bench/.cache/ (git-ignored).
# Shared by the benchmarks that need a realistic base layer (storage.sh, pull.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=bench/.cache
if [[ ! -f $cache/minbase.tar ]]; then
  # The apt mirror this machine uses (deb822 "URIs:" lines or one-line "deb" lines, comments skipped).
  mirror=$({ grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
             grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}'
           } | grep -v security | head -1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$cache"
  debootstrap --variant=minbase bookworm "$cache/rootfs" "$mirror" > "$cache/debootstrap.log"
  tar -C "$cache/rootfs" -cf "$cache/minbase.tar.partial" .
  mv "$cache/minbase.tar.partial" "$cache/minbase.tar"
fi
echo "$PWD/$cache/minbase.tar"
