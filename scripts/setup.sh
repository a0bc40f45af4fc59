# shellcheck shell=bash
# Shared by scripts/demo and scripts/test: install what is missing, then configure and build.
# Sourced, not run.

CAIRN_PACKAGES=(
  gcc make cmake pkg-config git
  libyaml-dev libgit2-dev libjansson-dev libssl-dev
  check libsubunit-dev
  bats bats-assert bats-support
  mandoc python3 python3-icalendar util-linux
  clang valgrind gcovr
)

cairn_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# cairn_install_packages [PACKAGE...] — the given packages, or CAIRN_PACKAGES
cairn_install_packages() {
  local missing=() p wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${CAIRN_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# cairn_build DIR [cmake options...]
cairn_build() {
  local dir=$1
  shift
  cmake -S "$cairn_root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j2
}
