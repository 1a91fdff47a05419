# Sourced by run-local.sh and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the `java` on PATH, then the newest JDK under /usr/lib/jvm.

_flopx_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

_flopx_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(_flopx_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if FLOPX_JDK="$(_flopx_pick_jdk)"; then
  export JAVA_HOME="$FLOPX_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "FlopX needs a JDK 21 or newer; none found (JAVA_HOME, PATH, /usr/lib/jvm)." >&2
  exit 1
fi
