package io.flopx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image tarball (as {@code docker save} writes it) opened the way a container runtime does: its
 * manifest, its configuration, and its layers unpacked in order into one root directory.
 */
final class ImageRoot {

    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode manifest;
    final JsonNode config;
    private final Map<String, byte[]> blobs;

    private ImageRoot(JsonNode manifest, JsonNode config, Map<String, byte[]> blobs) {
        this.manifest = manifest;
        this.config = config;
        this.blobs = blobs;
    }

    static ImageRoot open(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(files.get(manifest.path("Config").asText()));
        return new ImageRoot(manifest, config, files);
    }

    List<String> layers() {
        List<String> layers = new ArrayList<>();
        manifest.path("Layers").forEach(l -> layers.add(l.asText()));
        return layers;
    }

    boolean hasBlob(String name) {
        return blobs.containsKey(name);
    }

    /** Every path in every layer, as the image's file system will show it. */
    List<String> paths() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String layer : layers()) {
            try (TarArchiveInputStream tar = layer(layer)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    paths.add("/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("/$", ""));
                }
            }
        }
        return paths;
    }

    /** Unpacks the layers, lowest first, into {@code root}, with each file's mode. */
    void unpack(Path root) throws IOException {
        Files.createDirectories(root);
        for (String layer : layers()) {
            try (TarArchiveInputStream tar = layer(layer)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    Path target =
                            root.resolve(entry.getName().replaceFirst("^/", "")).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("layer entry outside the root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isFile()) {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        throw new IOException("unexpected layer entry type: " + entry.getName());
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private TarArchiveInputStream layer(String name) throws IOException {
        InputStream in = new java.io.ByteArrayInputStream(blobs.get(name));
        return new TarArchiveInputStream(new GZIPInputStream(in));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
