#!/usr/bin/env bash
# Wrap packaging/dist/ropa-desktop.app (from `pyinstaller packaging/ropa.spec` on a Mac) in a
# drag-to-Applications disk image: packaging/dist/ropa-desktop-<version>.dmg
#
# Optional, when you have an Apple Developer ID (without them the .dmg works, but Gatekeeper asks
# the user to confirm the first start: right-click the app > Open):
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"   sign the app and the image
#   NOTARY_PROFILE=ropa-notary   notarise and staple; create the profile once with
#     xcrun notarytool store-credentials ropa-notary --apple-id ID --team-id TEAMID --password APP-PASSWORD
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=packaging/dist/ropa-desktop.app
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' ropa_desktop/__init__.py)
DMG=packaging/dist/ropa-desktop-$VERSION.dmg
[ -d "$APP" ] || { echo "no $APP: run pyinstaller packaging/ropa.spec first" >&2; exit 1; }

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  echo "== codesign (hardened runtime, secure timestamp)"
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

echo "== hdiutil"
STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "ropa-desktop $VERSION" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    echo "== notarise"
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
  fi
fi
echo "wrote $DMG"
