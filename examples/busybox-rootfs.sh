#!/bin/sh
# Writes to standard output a tar of a small root file system made from the host's static busybox (Debian's
# busybox-static package): /bin/busybox with a link for each applet, /etc/passwd and /etc/group, /tmp.
# berth import turns it into an image without any network:   examples/busybox-rootfs.sh | berth import - bb:1
set -eu

busybox=${BUSYBOX:-/bin/busybox}
if ! "$busybox" --list >/dev/null 2>&1; then
  echo "busybox-rootfs.sh: $busybox is not busybox; install Debian's busybox-static (apt-get install busybox-static)" >&2
  exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"
tar -C "$root" --numeric-owner --owner=0 --group=0 -cf - .
