#!/usr/bin/env bash
# Builds the gridexec image (node and coordinator) from the jars `mvn package` built, tagged
# gridexec:<version from the pom> and gridexec:latest. The base is BASE_IMAGE when set (e.g.
# eclipse-temurin:17-jre from a registry), else gridexec-base:jre17, which deploy/base-image.sh builds
# without a registry (this script runs it when that image is missing).
#
#   deploy/build-image.sh           # no arguments; after mvn -B package -DskipTests, with Docker running
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
die() { echo "build-image: $*" >&2; exit 2; }

[ -f "$repo/client/target/gridexec-client.jar" ] && [ -d "$repo/client/target/lib" ] \
  || die "client/target/gridexec-client.jar (and client/target/lib) are missing; build them first: mvn -B package -DskipTests"
command -v docker >/dev/null || die "the docker command is missing; install Docker (Debian: apt-get install docker.io)"
timeout 20 docker info >/dev/null 2>&1 || die "no Docker daemon answers (docker info failed); start it (dockerd or systemctl start docker)"

# The project's version: the first <version> in the root pom outside a <parent> block.
version="$(awk '/<parent>/{p=1} /<\/parent>/{p=0} !p && /<version>/{gsub(/.*<version>|<\/version>.*/,""); print; exit}' "$repo/pom.xml")"
[ -n "$version" ] || die "found no <version> in pom.xml"

base="${BASE_IMAGE:-}"
if [ -z "$base" ]; then
  base="gridexec-base:jre17"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    echo "build-image: $base is missing; building it with deploy/base-image.sh" >&2
    "$here/base-image.sh" >/dev/null
  fi
fi
echo "build-image: gridexec:$version on $base" >&2
DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}" docker build -q --network none --pull=false \
  --build-arg "BASE_IMAGE=$base" -f "$here/Dockerfile" -t "gridexec:$version" -t gridexec:latest "$repo" >/dev/null
docker run --rm --network none --entrypoint java gridexec:latest -version >/dev/null 2>&1 || die "the built image does not run java"
echo "build-image: built gridexec:$version and gridexec:latest" >&2
echo "gridexec:$version"
