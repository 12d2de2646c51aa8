#!/usr/bin/env bash
# Install the system tools the pipeline shells out to (Tesseract with Swedish data, poppler, hunspell-sv) when missing.
set -euo pipefail
PKGS="tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd tesseract-ocr-eng poppler-utils hunspell-sv fonts-dejavu-core"

have_all() {
  command -v tesseract >/dev/null 2>&1 \
    && tesseract --list-langs 2>/dev/null | grep -qx swe \
    && tesseract --list-langs 2>/dev/null | grep -qx osd \
    && tesseract --list-langs 2>/dev/null | grep -qx eng \
    && command -v pdftoppm >/dev/null 2>&1 \
    && [ -f /usr/share/hunspell/sv_SE.dic ] \
    && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]
}

have_all && exit 0

if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"
else
  echo "finsam: Tesseract with Swedish data is missing and I cannot install it without root." >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y $PKGS" >&2
  exit 1
fi
echo "finsam: installing $PKGS" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
have_all || { echo "finsam: install of $PKGS did not give tesseract with 'swe', 'osd' and 'eng'" >&2; exit 1; }
