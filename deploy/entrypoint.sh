#!/bin/sh
# gridexec image entrypoint: `node` or `coordinator` (then that process's flags); settings also come from
# GRIDEXEC_* environment variables (see the README). exec hands PID 1 to the JVM, so docker stop's
# SIGTERM reaches it: a node drains its running chunks and leaves the cluster gracefully.
set -e
cp="/app/gridexec-client.jar:/app/lib/*"
role="${1:-}"
[ $# -gt 0 ] && shift
case "$role" in
  node) main=dev.gridexec.node.NodeMain ;;
  coordinator) main=dev.gridexec.coordinator.CoordinatorMain ;;
  client) exec java $JAVA_OPTS -jar /app/gridexec-client.jar "$@" ;;
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
exec java @/app/hazelcast-jvm.args $JAVA_OPTS -cp "$cp" "$main" "$@"
