# Sourced by client/bin/client, node and coordinator: Python kernels (node/python, built with -Ppython).
# When node/python/target holds the module, picks a JDK 21+ (JAVA_HOME if it is one, else GRIDEXEC_JAVA21_HOME,
# else the newest under /usr/lib/jvm) and sets:
#   java        the java to run
#   py_cp       class path entries to append (empty when Python kernels are off)
#   py_flags    JVM flags for GraalPy's optimizing runtime (JVMCI + the Graal compiler on the upgrade module path)
# GRIDEXEC_PYTHON=off turns Python kernels off. Says on stderr why they are off when the module is built.
py_target="$here/../../node/python/target"
py_cp=""
py_flags=()
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

java_feature() { # the feature version of the java at $1 (17, 21, 25), 0 when it does not run
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

if [ "${GRIDEXEC_PYTHON:-on}" != "off" ] && [ -f "$py_target/gridexec-python.jar" ]; then
  py_java=""
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "${GRIDEXEC_JAVA21_HOME:+$GRIDEXEC_JAVA21_HOME/bin/java}" \
      "$(command -v java || true)" \
      $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    if [ -x "$candidate" ] && [ "$(java_feature "$candidate")" -ge 21 ]; then
      py_java="$candidate"
      break
    fi
  done
  if [ -z "$py_java" ]; then
    echo "gridexec: python kernels are off: they need a JDK 21+ (set GRIDEXEC_JAVA21_HOME or JAVA_HOME to one)" >&2
  elif [ ! -f "$py_target/compiler/compiler.jar" ]; then
    echo "gridexec: python kernels are off: $py_target/compiler is missing; rebuild with -Ppython" >&2
  else
    java="$py_java"
    py_cp=":$py_target/gridexec-python.jar:$py_target/lib/*"
    c="$py_target/compiler"
    py_flags=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
      "--upgrade-module-path=$c/compiler.jar:$c/truffle-compiler.jar:$c/word.jar:$c/collections.jar"
      --enable-native-access=ALL-UNNAMED)
    if [ "$(java_feature "$java")" -ge 24 ]; then
      py_flags+=(--sun-misc-unsafe-memory-access=allow)
    fi
  fi
fi
