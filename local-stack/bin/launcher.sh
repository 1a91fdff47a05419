# Sourced by run-local.sh and load-test.sh (after select-jdk.sh): builds FlopX when its sources are newer than
# the launcher jar, and sets the JVM options the launcher needs.
flopx_jar=local-stack/target/flopx-local-stack.jar
# The launcher and its dependencies (copied to target/lib by the build).
flopx_cp="$flopx_jar:local-stack/target/lib/*"
if [ ! -f "$flopx_jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src deploy/keycloak -newer "$flopx_jar" -print -quit)" ]; then
  echo "Building FlopX with $JAVA_HOME (the first build downloads dependencies: a few minutes)..."
  # clean: a file deleted from the sources (a migration moved to another module) must not linger in target/.
  ./mvnw -q -B -DskipTests -Dflopx.images.skip=true clean package
fi
flopx_jvm_opts=()
# The embedded Kafka broker still uses sun.misc.Unsafe; JDK 24+ warns about it unless told it is allowed.
if [ "$(_flopx_java_major "$JAVA_HOME")" -ge 24 ]; then flopx_jvm_opts+=(--sun-misc-unsafe-memory-access=allow); fi
