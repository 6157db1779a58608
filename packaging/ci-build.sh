#!/usr/bin/env bash
# Build the Linux one-folder bundle with packaging/ropa.spec and smoke-test the frozen programs
# the way a user without Python runs them: empty environment, no venv, no source tree on any path.
#
#   bash packaging/ci-build.sh          (.ci/run calls it after the test suite)
#
# Uses the project venv .venv when it exists (CI: created by the README test command) and
# installs the build extra into it; otherwise the interpreter in $ROPA_BUILD_PYTHON or /work/venv.
# Steps that need a part of the app this build does not contain (Excel export, PDF, signing)
# are skipped with a SKIP line rather than failing, so the script works on every branch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)

if [ -x .venv/bin/python ]; then
  PY=.venv/bin/python
  .venv/bin/pip install -q -e ".[build]"
else
  PY=${ROPA_BUILD_PYTHON:-/work/venv/bin/python}
fi
PYINSTALLER="$(dirname "$PY")/pyinstaller"

# PyInstaller ships the shared libpython; Debian keeps it in a package of its own (libpython3.X).
soname=$("$PY" -c 'import sysconfig as s; print(s.get_config_var("INSTSONAME") or "")')
libdir=$("$PY" -c 'import sysconfig as s; print(s.get_config_var("LIBDIR") or "")')
if [ -n "$soname" ] && [ ! -e "$libdir/$soname" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q "$soname" \
  && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${soname%%.so*}" >/dev/null
fi

echo "== compile translations"
"$PY" tools/i18n.py compile

echo "== PyInstaller (packaging/ropa.spec)"
build_started=$(date +%s)
if [ "${ROPA_SKIP_BUILD:-}" != 1 ]; then  # ROPA_SKIP_BUILD=1: smoke-test the bundle already in packaging/dist
  "$PYINSTALLER" --noconfirm --clean --log-level WARN \
    --distpath packaging/dist --workpath packaging/build packaging/ropa.spec
fi
build_seconds=$(( $(date +%s) - build_started ))
BUNDLE=$ROOT/packaging/dist/ropa-desktop
[ -x "$BUNDLE/ropa" ] && [ -x "$BUNDLE/ropa-desktop" ] || { echo "FAIL: executables missing in $BUNDLE"; exit 1; }

# ---------------------------------------------------------------------------- smoke test
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
cd "$WORK"

# A user's environment: no venv, no PYTHONPATH, no python on PATH that the bundle could lean on.
frozen() {
  env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 ${EXTRA_ENV:-} "$@"
}
ropa() { frozen "$BUNDLE/ropa" "$@"; }
step() { echo "-- $*"; }
skip() { echo "SKIP: $*"; }
fail() { echo "FAIL: $*"; exit 1; }

step "every bundled library resolves"
missing=$(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "unresolved libraries:
$missing"

step "ropa --version"
version=$(ropa --version)
expected=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/ropa_desktop/__init__.py")
[ "$version" = "ropa $expected" ] || fail "version is '$version', expected 'ropa $expected'"
echo "$version"

sample=$(ls "$ROOT"/samples/*.json 2>/dev/null | head -n 1 || true)
if [ -z "$sample" ]; then
  echo "(no samples/*.json on this branch: a small register written here stands in)"
  sample=$WORK/smoke.json
  cat >"$sample" <<'EOF'
{
  "format": "ropa-register",
  "version": 1,
  "organisations": [
    {
      "id": 1,
      "name": "Smoke Test AS",
      "orgnr": "917100462",
      "email": "post@example.no",
      "data_subject_categories": [{"id": 1, "name": "Kunder"}],
      "personal_data_categories": [{"id": 1, "name": "Navn"}, {"id": 2, "name": "E-postadresse"}],
      "activities": [
        {
          "id": 1,
          "purpose": "Følge opp kunder (æøå ÆØÅ)",
          "legal_basis": ["b"],
          "retention": "Til kundeforholdet opphører",
          "data_subjects": [1],
          "personal_data": [1, 2]
        }
      ]
    }
  ]
}
EOF
fi

step "ropa import $(basename "$sample")"
ropa import "$sample" -o register.ropa
step "ropa check"
status=0
ropa check register.ropa >check.txt || status=$?
tail -n 1 check.txt
[ "$status" -le 1 ] || fail "ropa check exited $status"
step "ropa --lang nb info (Babel's nb locale data)"
ropa --lang nb info register.ropa

if [ -d "$ROOT/translations/nb" ]; then
  step "Norwegian catalogue is in the bundle"
  [ "$(ropa --lang nb --help)" != "$(ropa --lang en --help)" ] || fail "ropa --lang nb --help is not translated"
else
  skip "no translations/nb on this branch"
fi

export_help=$(ropa export --help)
if grep -q xlsx <<<"$export_help"; then
  step "ropa export --format xlsx"
  ropa export register.ropa --format xlsx -o register.xlsx
  [ "$(head -c 2 register.xlsx)" = "PK" ] || fail "register.xlsx is not a workbook"
  if grep -q '\.xlsx' <<<"$(ropa import --help)"; then
    step "ropa import of the exported workbook"
    ropa import register.xlsx -o from-xlsx.ropa
  fi
else
  skip "this build has no Excel export (ropa export --format xlsx)"
fi

if grep -q pdf <<<"$export_help"; then
  step "ropa export --format pdf"
  ropa export register.ropa --format pdf -o register.pdf
  [ "$(head -c 5 register.pdf)" = "%PDF-" ] || fail "register.pdf is not a PDF"
  if command -v pdftotext >/dev/null; then
    pdftotext register.pdf register.txt
    grep -q "[æøåÆØÅ]" register.txt || fail "register.pdf lacks the Norwegian letters (font not bundled?)"
  fi
  if grep -qw sign <<<"$(ropa --help)" && grep -q -- --sign <<<"$export_help"; then
    step "ropa cert create + ropa export --format pdf --sign"
    printf 'smoke-test passphrase\n' >pass.txt
    ropa cert create --name "Smoke Test Signer" -o signer.p12 --passphrase-file pass.txt
    ropa export register.ropa --format pdf --sign --allow-open-errors --p12 signer.p12 --passphrase-file pass.txt -o signed.pdf
    step "ropa verify"
    ropa verify signed.pdf --trust signer.pem
    step "the signing worker (ropa --signing-worker) signs by itself"
    (cd "$ROOT" && "$PY" packaging/smoke_signing_worker.py "$BUNDLE/ropa" "$WORK/signer.p12" "$WORK/pass.txt" \
      "$WORK/register.pdf" "$WORK/by-worker.pdf") || fail "the frozen signing worker does not sign (ropa export --sign fell back to signing in-process)"
    ropa verify by-worker.pdf --trust signer.pem
    if command -v pdfsig >/dev/null; then
      step "pdfsig"
      pdfsig signed.pdf >pdfsig.txt || true  # its exit status differs between poppler versions; the text decides
      cat pdfsig.txt
      grep -q "Signature is Valid" pdfsig.txt || fail "pdfsig does not accept signed.pdf"
    else
      skip "pdfsig is not installed (poppler-utils)"
    fi
  else
    skip "this build cannot sign (ropa export --sign / ropa sign)"
  fi
else
  skip "this build has no PDF export (ropa export --format pdf)"
fi

step "ropa-desktop offscreen on the register, quits by itself"
EXTRA_ENV="QT_QPA_PLATFORM=offscreen ROPA_QUIT_AFTER_MS=3000" frozen timeout 120 "$BUNDLE/ropa-desktop" register.ropa \
  || fail "ropa-desktop (offscreen) exited $?"
if command -v xvfb-run >/dev/null; then
  step "ropa-desktop on X11 (Xvfb, the bundled xcb plugin), quits by itself"
  EXTRA_ENV="QT_QPA_PLATFORM=xcb ROPA_QUIT_AFTER_MS=3000" frozen xvfb-run -a timeout 120 "$BUNDLE/ropa-desktop" register.ropa \
    || fail "ropa-desktop (xcb) exited $?"
else
  skip "xvfb-run is not installed: xcb start not tried"
fi

cd "$ROOT"
echo "== frozen build OK"
echo "PyInstaller build time: ${build_seconds} s (whole script: $(( $(date +%s) - started )) s)"
echo "bundle size: $(du -sh "$BUNDLE" | cut -f1) ($BUNDLE)"
