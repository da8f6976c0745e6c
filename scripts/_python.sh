# Sourced by scripts/demo and scripts/test: makes .venv with the first safe Python that runs:
# 3.13 or newer, or 3.12.5 and later (3.12.0-3.12.4 fold e-mail headers unsafely, CVE-2024-6923).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

is_safe_python() {  # is_safe_python PATH: runs, has sqlite3 and venv, and is 3.12.5 or newer
  "$1" -c 'import sys, sqlite3, venv; sys.exit(0 if sys.version_info >= (3, 12, 5) else 1)' \
    >/dev/null 2>&1
}

find_python() {
  local candidates=(python3.13 python3.14 python3.12 python3)
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  for dir in "$pyenv_root"/versions/3.1[3-9]* "$pyenv_root"/versions/3.12*; do
    [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
  done
  for candidate in "${candidates[@]}"; do
    # A pyenv shim can exist and still fail: only an interpreter that runs counts.
    if is_safe_python "$candidate"; then
      "$candidate" -c 'import sys; print(sys.executable)'
      return 0
    fi
  done
  echo "Goodwill needs Python 3.13, or 3.12.5 or newer; none was found on PATH or under" \
    "$pyenv_root/versions (an older 3.12 folds e-mail headers unsafely, CVE-2024-6923)." >&2
  return 1
}

ensure_venv() {
  local extras="$1"  # "" or "[dev]"
  # Locked versions with their hashes (scripts/lock writes both files from pyproject.toml).
  local lock="$ROOT/requirements.lock"
  if [ "$extras" = "[dev]" ]; then lock="$ROOT/requirements-dev.lock"; fi
  local stamp="$VENV/.installed$extras"
  if [ -x "$VENV/bin/python" ] && ! is_safe_python "$VENV/bin/python"; then
    # A .venv made before this check (or by hand) with an unsafe interpreter is made again.
    echo "==> .venv runs $("$VENV/bin/python" -V 2>&1 || echo 'a broken Python'), which folds" \
      "e-mail headers unsafely (CVE-2024-6923): making it again" >&2
    rm -rf "$VENV"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    local python
    python="$(find_python)"
    echo "==> Creating .venv with $python"
    "$python" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    echo "==> Installing dependencies (locked in ${lock##*/})"
    # Every package with the hash of its file: a fresh machine gets the versions CI tested.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    # Goodwill itself, whose dependencies the lock has just installed.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
    local broken
    if ! broken="$("$VENV/bin/python" -m pip check --disable-pip-version-check 2>&1)"; then
      echo "$broken" >&2
      echo "${lock##*/} does not give what pyproject.toml asks for: run ./scripts/lock" \
        "and commit the lock files with pyproject.toml." >&2
      return 1
    fi
    touch "$stamp"
  fi
}

# Tesseract for the document vault (goodwill/documents: text read from scans and photos), with
# the brand's languages. Debian's packages, installed when run as root; otherwise say how.
TESSERACT_PACKAGES="tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-ita tesseract-ocr-spa tesseract-ocr-nld tesseract-ocr-por"
ensure_tesseract() {
  if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx deu; then
    tesseract --version 2>/dev/null | head -1
  elif [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086  # a list of package names
    apt-get install -y $TESSERACT_PACKAGES
  else
    echo "tesseract is missing and this is not root: 'sudo apt-get install $TESSERACT_PACKAGES'." >&2
    echo "Until then scans and photos are stored but their text is not read." >&2
  fi
}
