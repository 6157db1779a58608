#!/usr/bin/env bash
# Install the Linux bundle for the current user (no root): the program folder, the two commands
# on ~/.local/bin, the menu entry, the .ropa file type and the icons.
#   bash packaging/linux/install-user.sh [BUNDLE]     (default: packaging/dist/ropa-desktop)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=${1:-$ROOT/packaging/dist/ropa-desktop}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
[ -x "$BUNDLE/ropa-desktop" ] || { echo "no bundle at $BUNDLE (run packaging/ci-build.sh first)" >&2; exit 1; }

mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$DATA/applications"
rm -rf "$HOME/.local/opt/ropa-desktop"
cp -a "$BUNDLE" "$HOME/.local/opt/ropa-desktop"
ln -sf "$HOME/.local/opt/ropa-desktop/ropa-desktop" "$HOME/.local/bin/ropa-desktop"
ln -sf "$HOME/.local/opt/ropa-desktop/ropa" "$HOME/.local/bin/ropa"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps" "$DATA/icons/hicolor/${size}x${size}/mimetypes"
  cp "$ROOT/resources/icons/ropa-desktop-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/ropa-desktop.png"
  cp "$ROOT/resources/icons/ropa-document-$size.png" \
    "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-ropa-register.png"
done
cp "$HERE/ropa-desktop.desktop" "$DATA/applications/ropa-desktop.desktop"
if command -v xdg-mime >/dev/null; then
  xdg-mime install --novendor "$HERE/ropa-desktop.xml"
  xdg-mime default ropa-desktop.desktop application/x-ropa-register
fi
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "Installed ropa-desktop in $HOME/.local/opt/ropa-desktop (commands in ~/.local/bin)."
