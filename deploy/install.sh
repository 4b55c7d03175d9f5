#!/usr/bin/env bash
# Installs tiered-fs as a service (run as root from a checkout, with the .NET 10 SDK):
#   /usr/local/lib/tieredfs/            the published daemon (framework-dependent)
#   /usr/local/bin/tieredfs             symlink to it
#   /etc/systemd/system/tieredfs@.service
#   /etc/tieredfs/example.toml          (an existing one is left alone)
#   /sbin/mount.fuse.tieredfs           (for fstab; /usr/sbin on merged-/usr systems)
#   /usr/local/share/doc/tieredfs/service.md
# DESTDIR=/some/root installs into a staging tree instead (no systemctl, no /etc/dotnet change).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${DESTDIR:-}
lib="$root/usr/local/lib/tieredfs"

echo "publishing to $lib"
dotnet publish src/Daemon -c Release -o "$lib" -nologo -v quiet
install -d -m 0755 "$root/usr/local/bin" "$root/etc/tieredfs" "$root/etc/systemd/system"
ln -sfn /usr/local/lib/tieredfs/tieredfs "$root/usr/local/bin/tieredfs"
install -m 0644 deploy/tieredfs@.service "$root/etc/systemd/system/tieredfs@.service"
if [[ ! -e "$root/etc/tieredfs/example.toml" ]]; then
  install -m 0644 deploy/example.toml "$root/etc/tieredfs/example.toml"
fi
# mount(8) looks for helpers in /sbin; on merged-/usr systems (Debian 12) /sbin is /usr/sbin.
sbin=/sbin
[[ -L /sbin ]] && sbin=/usr/sbin
install -D -m 0755 deploy/mount.fuse.tieredfs "$root$sbin/mount.fuse.tieredfs"
install -D -m 0644 docs/service.md "$root/usr/local/share/doc/tieredfs/service.md"

if [[ -z "$root" ]]; then
  # The apphost finds the runtime in /usr/share/dotnet, /usr/lib/dotnet or /etc/dotnet/install_location;
  # systemd does not pass a shell's DOTNET_ROOT, so record a non-standard location.
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  if [[ "$dotnet_root" != /usr/share/dotnet && "$dotnet_root" != /usr/lib/dotnet && ! -e /etc/dotnet/install_location ]]; then
    install -d /etc/dotnet
    echo "$dotnet_root" > /etc/dotnet/install_location
    echo "recorded the .NET location $dotnet_root in /etc/dotnet/install_location"
  fi
  if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
  fi
fi
echo "installed. Next: cp /etc/tieredfs/example.toml /etc/tieredfs/NAME.toml, edit it, then"
echo "  tieredfs check-config /etc/tieredfs/NAME.toml && systemctl enable --now tieredfs@NAME"
