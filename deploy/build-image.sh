#!/usr/bin/env bash
# Builds the gridexec image (node and coordinator) from the jars `mvn package` built, tagged
# gridexec:<version from the pom> and gridexec:latest. The base is BASE_IMAGE when set (e.g.
# eclipse-temurin:17-jre from a registry), else gridexec-base:jre17, which deploy/base-image.sh builds
# without a registry (this script runs it when that image is missing).
# --python builds the variant with Python kernels (docs/PYTHON.md), gridexec-python:<version> and :latest: the
# Dockerfile's stage python, on gridexec-base:jre<N> from a JDK 21+ (deploy/base-image.sh --python), with
# node/python's jars and the Graal compiler under /app/python.
#
#   deploy/build-image.sh           # after mvn -B package -DskipTests, with Docker running
#   deploy/build-image.sh --python  # after JAVA_HOME=<JDK 21+> mvn -B -Ppython package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
die() { echo "build-image: $*" >&2; exit 2; }
case "${1:-}" in
  "") name=gridexec; stage=app ;;
  --python) name=gridexec-python; stage=python ;;
  *) die "unknown argument $1 (usage: build-image.sh [--python])" ;;
esac

[ -f "$repo/client/target/gridexec-client.jar" ] && [ -d "$repo/client/target/lib" ] \
  || die "client/target/gridexec-client.jar (and client/target/lib) are missing; build them first: mvn -B package -DskipTests"
py="$repo/node/python/target"
if [ "$stage" = python ]; then
  [ -f "$py/gridexec-python.jar" ] && [ -d "$py/lib" ] && [ -f "$py/compiler/compiler.jar" ] \
    || die "the python module is not built (node/python/target/gridexec-python.jar, lib/, compiler/compiler.jar); build it" \
      "with a JDK 21+: JAVA_HOME=/path/to/jdk21+ mvn -B -Ppython package -DskipTests"
fi
command -v docker >/dev/null || die "the docker command is missing; install Docker (Debian: apt-get install docker.io)"
timeout 20 docker info >/dev/null 2>&1 || die "no Docker daemon answers (docker info failed); start it (dockerd or systemctl start docker)"

# The project's version: the first <version> in the root pom outside a <parent> block.
version="$(awk '/<parent>/{p=1} /<\/parent>/{p=0} !p && /<version>/{gsub(/.*<version>|<\/version>.*/,""); print; exit}' "$repo/pom.xml")"
[ -n "$version" ] || die "found no <version> in pom.xml"

base="${BASE_IMAGE:-}"
if [ -z "$base" ] && [ "$stage" = python ]; then
  base="$("$here/base-image.sh" --python --if-missing)" || die "no base image for the python variant (base-image.sh --python said why)"
elif [ -z "$base" ]; then
  base="gridexec-base:jre17"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    echo "build-image: $base is missing; building it with deploy/base-image.sh" >&2
    "$here/base-image.sh" >/dev/null
  fi
fi
if [ "$stage" = python ]; then
  feature="$(docker run --rm --network none --entrypoint java "$base" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
  [ "${feature:-0}" -ge 21 ] || die "$base runs Java ${feature:-?}; Python kernels need 21+ (leave BASE_IMAGE unset for gridexec-base:jre<N>)"
fi
echo "build-image: $name:$version on $base" >&2
DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}" docker build -q --force-rm --network none --pull=false --target "$stage" \
  --build-arg "BASE_IMAGE=$base" -f "$here/Dockerfile" -t "$name:$version" -t "$name:latest" "$repo" >/dev/null \
  || die "docker build of $name (stage $stage) failed; its output is above"
docker run --rm --network none --entrypoint java "$name:latest" -version >/dev/null 2>&1 || die "the built image does not run java"
echo "build-image: built $name:$version and $name:latest" >&2
echo "$name:$version"
