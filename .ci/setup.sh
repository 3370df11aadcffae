#!/bin/sh
# Set up a fresh Debian machine for raingan and build it: install the missing
# packages (as root, without a terminal), configure and build into build/.
set -e
cd "$(dirname "$0")/.."
PKGS="cmake gcc make pkg-config libxml2-dev libzip-dev libpcre2-dev libhpdf-dev libthai-dev \
libthai-data libsqlite3-dev libjansson-dev libssl-dev fonts-tlwg-laksaman-ttf python3 python3-docx \
poppler-utils qpdf zip libreoffice-writer-nogui libxlsxwriter-dev python3-openpyxl postgresql libpq-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing </dev/null >/dev/null
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
