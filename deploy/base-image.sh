#!/usr/bin/env bash
# Builds a small Java runtime image WITHOUT any container registry: jlink a runtime from a JDK with the modules
# gridexec needs, add the C libraries that bin/java and libjvm.so link against (ldd) plus the dynamic loader,
# libz and a POSIX shell (dash, for the entrypoint), then tar the tree and `docker import` it. It prints the tag.
# deploy/build-image.sh builds on it.
#
#   deploy/base-image.sh            # gridexec-base:jre17 from the build JDK (JAVA_HOME or the java on PATH), 17+
#   deploy/base-image.sh --python   # gridexec-base:jre<N> from a JDK 21+ for Python kernels (docs/PYTHON.md): JAVA_HOME
#                                   # if it is one, else GRIDEXEC_JAVA21_HOME, else the newest under /usr/lib/jvm;
#                                   # adds the modules GraalPy and its compiler need (JVMCI, JFR, ...)
#   --if-missing                    # (with either) only print the tag when that image exists already
# BASE_TAG overrides the tag. Needs Docker running.
set -euo pipefail
modules="java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs"
# GraalPy 25 (jdeps over node/python/target/lib) and the Graal compiler's module-info: JVMCI, JFR, JAAS.
python_modules="jdk.internal.vm.ci,jdk.jfr,jdk.security.auth"

die() { echo "base-image: $*" >&2; exit 2; }
python=false
if_missing=false
for arg in "$@"; do
  case "$arg" in
    --python) python=true ;;
    --if-missing) if_missing=true ;;
    *) die "unknown argument $arg (usage: base-image.sh [--python] [--if-missing])" ;;
  esac
done
command -v docker >/dev/null || die "the docker command is missing; install Docker (Debian: apt-get install docker.io)"
timeout 20 docker info >/dev/null 2>&1 || die "no Docker daemon answers (docker info failed); start it (dockerd or systemctl start docker)"

feature() { # the feature version (17, 21, 25) of the JDK at $1, 0 when its java does not run
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}
if $python; then
  jdk=""
  for home in ${JAVA_HOME:-} ${GRIDEXEC_JAVA21_HOME:-} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    home="${home%/}"
    if [ -x "$home/bin/jlink" ] && [ "$(feature "$home")" -ge 21 ]; then jdk="$home"; break; fi
  done
  [ -n "$jdk" ] || die "no JDK 21+ with jlink (JAVA_HOME, GRIDEXEC_JAVA21_HOME, /usr/lib/jvm/*); Python kernels need one: install one (e.g. Temurin 21+) or set GRIDEXEC_JAVA21_HOME"
  modules="$modules,$python_modules"
  tag="${BASE_TAG:-gridexec-base:jre$(feature "$jdk")}"
else
  if [ -n "${JAVA_HOME:-}" ]; then jdk="$JAVA_HOME"; else
    command -v java >/dev/null || die "no java on PATH (or set JAVA_HOME)"
    jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [ -x "$jdk/bin/jlink" ] || die "$jdk has no bin/jlink; point JAVA_HOME at a full JDK 17+"
  tag="${BASE_TAG:-gridexec-base:jre17}"
fi
if $if_missing && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi
command -v ldd >/dev/null || die "ldd is missing (Debian: libc-bin)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root"
echo "base-image: jlink from $jdk" >&2
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java" 2>&1 | grep -v -i "deprecated" >&2 || true
[ -x "$root/opt/java/bin/java" ] || die "jlink produced no runtime"

# The C libraries: everything ldd names for the launcher and every native library of the runtime.
libs="$( { find "$root/opt/java" -name '*.so' -print0 | xargs -0 ldd 2>/dev/null; ldd "$root/opt/java/bin/java"; } \
  | grep -o '/[^ ]*' | grep -v "^$root" | sort -u)"
for f in $libs /lib64/ld-linux-x86-64.so.2 $(ls /lib/x86_64-linux-gnu/libz.so.1 2>/dev/null) \
    $(ls /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 2>/dev/null); do
  [ -e "$f" ] || continue
  mkdir -p "$root$(dirname "$f")"
  cp -L "$f" "$root$f"
  real="$(readlink -f "$f")"
  if [ "$real" != "$f" ]; then mkdir -p "$root$(dirname "$real")"; cp -L "$f" "$root$real"; fi
done
# A POSIX shell for the image's entrypoint script (dash needs only libc, copied above).
mkdir -p "$root/bin"
cp -L "$(command -v dash || echo /bin/sh)" "$root/bin/sh"
# /lib and /lib64 as in Debian (merged /usr), a writable /tmp, minimal /etc.
[ -d "$root/usr/lib/x86_64-linux-gnu" ] && { mkdir -p "$root/lib"; cp -a "$root/usr/lib/x86_64-linux-gnu" "$root/lib/" 2>/dev/null || true; }
mkdir -p "$root/tmp" "$root/etc" "$root/app"
chmod 1777 "$root/tmp"
echo "root:x:0:0:root:/root:/sbin/nologin" > "$root/etc/passwd"
echo "gridexec:x:10001:10001:gridexec:/app:/sbin/nologin" >> "$root/etc/passwd"
printf 'root:x:0:\ngridexec:x:10001:\n' > "$root/etc/group"
echo "hosts: files dns" > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

tar -C "$root" -cf "$work/root.tar" .
docker import \
  -c 'ENV JAVA_HOME=/opt/java' -c 'ENV PATH=/opt/java/bin:/usr/bin:/bin' -c 'ENV LANG=C.UTF-8' \
  -c 'CMD ["java", "-version"]' "$work/root.tar" "$tag" >/dev/null
docker run --rm --network none "$tag" java -version >/dev/null 2>&1 || die "the imported image $tag does not run java -version"
echo "base-image: built $tag ($(du -sh "$work/root.tar" | cut -f1) uncompressed)" >&2
echo "$tag"
