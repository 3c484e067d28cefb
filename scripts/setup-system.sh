#!/usr/bin/env bash
# Installs the system packages limitup needs when they are missing.
# As root it uses apt-get; otherwise it names what to install and stops.
#   setup-system.sh          what the product needs (`make run`)
#   setup-system.sh --test   what only the tests need besides (`make test`): Chromium
set -euo pipefail

need=()
if [ "${1:-}" = "--test" ]; then
  # The web pages are tested in real headless Chromium (tests/web, through Playwright).
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
else
  command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
  [ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)
  [ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
  [ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || need+=(tesseract-ocr-osd)
  # Redis: the scale-out queue, and the private one `limitup bench --workers` starts.
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  # CJK fonts: the sample generator renders certificates with them.
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
  [ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
  [ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)
  [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
  [ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
  # Latin serif/sans of the holdout sample style (limitup/samples/fonts.py LIBERATION).
  [ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "limitup needs these system packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
