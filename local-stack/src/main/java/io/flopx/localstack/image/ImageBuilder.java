package io.flopx.localstack.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the five services' container images (JVM mode) with Jib, without a Docker daemon, to tarballs
 * that {@code docker load} (or {@code podman load}, {@code skopeo copy docker-archive:…}) takes:
 * {@code e2e/target/images/<service>.tar}, named {@code flopx/<service>:<version>}.
 *
 * <p>Layers, least to most often changed: the base (a registry image, or {@link JavaRuntimeRoot}'s system
 * files and Java runtime), Quarkus' fast-jar {@code lib/boot}, {@code lib/main}, {@code quarkus-run.jar},
 * {@code quarkus/}, {@code app/}, and the Compose health check. Timestamps are fixed, so the same inputs
 * give the same digests. The process runs as user 185 (group 0), listens on the service's own port and
 * reads its configuration from environment variables (deploy/README.md, "How configuration flows").
 *
 * <p>Arguments: repository root, output directory, version, base ("local" or an image reference).
 */
public final class ImageBuilder {

    public static final List<String> SERVICES =
            List.of("catalog-service", "order-service", "matching-service", "settlement-service", "gateway");
    static final String DEPLOYMENTS = "/deployments";
    static final String HEALTHCHECK = "/opt/flopx/healthcheck";

    private final Path repo;
    private final Path out;
    private final String version;
    private final String base;

    ImageBuilder(Path repo, Path out, String version, String base) {
        this.repo = repo;
        this.out = out;
        this.version = version;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        new ImageBuilder(Path.of(args[0]), Path.of(args[1]), args[2], args.length > 3 ? args[3] : "local").buildAll();
    }

    void buildAll() throws Exception {
        Files.createDirectories(out);
        long started = System.nanoTime();
        Path runtime = out.resolve("runtime-root");
        if (isLocalBase()) {
            JavaRuntimeRoot.assemble(Path.of(System.getProperty("java.home")), runtime);
        }
        Properties index = new Properties();
        for (String service : SERVICES) {
            JibContainer image = build(service, runtime);
            index.setProperty(service + ".image", reference(service));
            index.setProperty(service + ".digest", image.getDigest().toString());
            index.setProperty(service + ".port", String.valueOf(httpPort(service)));
            System.out.printf(
                    "image %s (%s) -> %s%n", reference(service), image.getDigest(), out.resolve(service + ".tar"));
        }
        try (var writer = Files.newBufferedWriter(out.resolve("images.properties"))) {
            index.store(writer, "FlopX images built by ImageBuilder (base: " + base + ")");
        }
        System.out.printf("%d images in %.1f s%n", SERVICES.size(), (System.nanoTime() - started) / 1e9);
    }

    String reference(String service) {
        return "flopx/" + service + ":" + version;
    }

    private boolean isLocalBase() {
        return base == null || base.isBlank() || base.equals("local");
    }

    private JibContainer build(String service, Path runtime) throws Exception {
        Path app = repo.resolve(service).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: package the services first");
        }
        String java;
        JibContainerBuilder builder;
        Map<String, String> env = new LinkedHashMap<>();
        if (isLocalBase()) {
            builder = Jib.fromScratch()
                    .addFileEntriesLayer(rootLayer("system", runtime.resolve("system")))
                    .addFileEntriesLayer(layer("java-runtime", runtime.resolve("java/opt/java"), "/opt/java"));
            java = "/opt/java/bin/java";
            env.put("JAVA_HOME", "/opt/java");
            env.put("PATH", "/opt/java/bin:/usr/local/bin:/usr/bin:/bin");
        } else {
            builder = Jib.from(RegistryImage.named(base));
            java = "java";
        }
        env.put("LANG", "C.UTF-8");
        int port = httpPort(service);
        List<String> entrypoint = new ArrayList<>(List.of(
                java,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-jar",
                DEPLOYMENTS + "/quarkus-run.jar"));
        builder.addFileEntriesLayer(layer("lib-boot", app.resolve("lib/boot"), DEPLOYMENTS + "/lib/boot"))
                .addFileEntriesLayer(layer("lib-main", app.resolve("lib/main"), DEPLOYMENTS + "/lib/main"))
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .setName("quarkus-run")
                        .addEntry(
                                app.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(DEPLOYMENTS + "/quarkus-run.jar"))
                        .build())
                .addFileEntriesLayer(layer("quarkus", app.resolve("quarkus"), DEPLOYMENTS + "/quarkus"))
                .addFileEntriesLayer(layer("app", app.resolve("app"), DEPLOYMENTS + "/app"))
                .addFileEntriesLayer(healthCheckLayer())
                .setEntrypoint(entrypoint)
                .setEnvironment(env)
                .setExposedPorts(Set.of(Port.tcp(port)))
                .setWorkingDirectory(AbsoluteUnixPath.get(DEPLOYMENTS))
                .setUser(JavaRuntimeRoot.USER_ID + ":0")
                .setCreationTime(Instant.EPOCH)
                .setLabels(Map.of(
                        "org.opencontainers.image.title",
                        "flopx-" + service,
                        "org.opencontainers.image.version",
                        version,
                        "org.opencontainers.image.description",
                        "FlopX " + service + " (Quarkus, JVM mode)",
                        "io.flopx.http-port",
                        String.valueOf(port)));
        Containerizer containerizer = Containerizer.to(
                        TarImage.at(out.resolve(service + ".tar")).named(reference(service)))
                .setApplicationLayersCache(out.resolve(".jib-cache"))
                .setBaseImageLayersCache(out.resolve(".jib-base-cache"))
                .setOfflineMode(isLocalBase())
                .setToolName("flopx-image-builder");
        return builder.containerize(containerizer);
    }

    /** A directory as one layer, keeping each file's executable bits (the runtime's bin/java needs them). */
    private static FileEntriesLayer layer(String name, Path source, String target) throws IOException {
        return FileEntriesLayer.builder()
                .setName(name)
                .addEntryRecursive(
                        source,
                        AbsoluteUnixPath.get(target),
                        ImageBuilder::permissions,
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER)
                .build();
    }

    /** Each top-level directory of {@code source} under the image's root, in one layer. */
    private static FileEntriesLayer rootLayer(String name, Path source) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (var children = Files.list(source)) {
            for (Path child : children.sorted().toList()) {
                layer.addEntryRecursive(
                        child,
                        AbsoluteUnixPath.get("/" + child.getFileName()),
                        ImageBuilder::permissions,
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER);
            }
        }
        return layer.build();
    }

    private static FilePermissions permissions(Path source, AbsoluteUnixPath target) {
        if (target.toString().equals("/tmp")) {
            return FilePermissions.fromOctalString("777");
        }
        try {
            Set<PosixFilePermission> posix = Files.getPosixFilePermissions(source);
            boolean executable = posix.contains(PosixFilePermission.OWNER_EXECUTE);
            return FilePermissions.fromOctalString(executable || Files.isDirectory(source) ? "755" : "644");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The health check class, from this module's own build output. */
    private static FileEntriesLayer healthCheckLayer() throws IOException {
        String resource = HealthCheck.class.getName().replace('.', '/') + ".class";
        Path copy = Files.createTempFile("HealthCheck", ".class");
        // Jib reads it while it builds the image; each build left one in /tmp until this.
        copy.toFile().deleteOnExit();
        try (InputStream in = HealthCheck.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return FileEntriesLayer.builder()
                .setName("healthcheck")
                .addEntry(copy, AbsoluteUnixPath.get(HEALTHCHECK + "/" + resource))
                .build();
    }

    /** The service's own port from its application.properties: it listens there in every form. */
    int httpPort(String service) throws IOException {
        Properties props = new Properties();
        try (var reader =
                Files.newBufferedReader(repo.resolve(service).resolve("src/main/resources/application.properties"))) {
            props.load(reader);
        }
        return Integer.parseInt(props.getProperty("quarkus.http.port"));
    }
}
