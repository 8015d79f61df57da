#!/bin/sh
# gridexec image entrypoint: `node` or `coordinator` (then that process's flags); settings also come from
# GRIDEXEC_* environment variables (see the README). exec hands PID 1 to the JVM, so docker stop's
# SIGTERM reaches it: a node drains its running chunks and leaves the cluster gracefully.
set -e
cp="/app/gridexec-client.jar:/app/lib/*"
# The python variant (deploy/build-image.sh --python) has /app/python: GraalPy's jars join the class path, and the
# flags of client/bin/python-runtime.sh turn on its optimizing compiler (JVMCI, the Graal compiler jars on the
# upgrade module path; docs/PYTHON.md). GRIDEXEC_PYTHON=off leaves them out.
py_flags=""
if [ -d /app/python ] && [ "${GRIDEXEC_PYTHON:-on}" != off ]; then
  cp="$cp:/app/python/gridexec-python.jar:/app/python/lib/*"
  c=/app/python/compiler
  py_flags="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --enable-native-access=ALL-UNNAMED
    --upgrade-module-path=$c/compiler.jar:$c/truffle-compiler.jar:$c/word.jar:$c/collections.jar"
  # The pre-copied GraalPy home and native libraries (the image is read-only to the process: nothing to unpack).
  if [ -d /app/python/resources ]; then py_flags="$py_flags -Dpolyglot.engine.resourcePath=/app/python/resources"; fi
  # JDK 24+: Truffle still uses sun.misc.Unsafe's memory access. The image has no sed: read JAVA_VERSION="25.0.1".
  feature=0
  if [ -f "${JAVA_HOME:-/opt/java}/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v="${line#JAVA_VERSION=\"}"; feature="${v%%[!0-9]*}" ;; esac
    done <"${JAVA_HOME:-/opt/java}/release"
  fi
  if [ "${feature:-0}" -ge 24 ]; then py_flags="$py_flags --sun-misc-unsafe-memory-access=allow"; fi
fi
role="${1:-}"
[ $# -gt 0 ] && shift
case "$role" in
  node) main=dev.gridexec.node.NodeMain ;;
  coordinator) main=dev.gridexec.coordinator.CoordinatorMain ;;
  client)
    # shellcheck disable=SC2086
    if [ -z "$py_flags" ]; then exec java $JAVA_OPTS -jar /app/gridexec-client.jar "$@"; fi
    # The class path is no longer the jar's own: pass the flags its manifest gives (Add-Opens, Add-Exports) too.
    # shellcheck disable=SC2086
    exec java @/app/hazelcast-jvm.args $py_flags $JAVA_OPTS -cp "$cp" dev.gridexec.cli.Main "$@" ;;
  *)
    echo "usage: docker run --network host IMAGE node|coordinator [FLAGS]   (--help lists each one's settings)" >&2
    echo "       settings also come from GRIDEXEC_* environment variables; JAVA_OPTS adds JVM flags" >&2
    exit 2 ;;
esac
# Services log at INFO unless told otherwise; the client (above) keeps logback.xml's WARN, so that
# `docker run IMAGE client submit ...` prints what the host's client prints and no Hazelcast INFO lines.
export GRIDEXEC_LOG_LEVEL="${GRIDEXEC_LOG_LEVEL:-INFO}"
# shellcheck disable=SC2086
# @/app/hazelcast-jvm.args: the JDK internals Hazelcast asks for (node/core/.../cluster/hazelcast-jvm.args).
exec java @/app/hazelcast-jvm.args $py_flags $JAVA_OPTS -cp "$cp" "$main" "$@"
