package dev.haneul.lab;

import dev.haneul.lab.app.SessionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The executable jar of {@link SessionApp}, written into the server's data dir for the apps API
 * (which runs {@code java -jar}). Its classes are copied from wherever this module's classes are (a
 * directory in a build, a jar when installed); it needs nothing but the JDK.
 */
final class SessionAppJar {

    private static final String PACKAGE = SessionApp.class.getPackageName().replace('.', '/') + "/";

    private SessionAppJar() {}

    /** Writes (or rewrites) {@code <dataDir>/labs/session-app.jar}; returns its path. */
    static Path write(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("labs");
        Files.createDirectories(dir);
        Path jar = dir.resolve("session-app.jar");
        Path temp = Files.createTempFile(dir, "session-app", ".tmp");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SessionApp.class.getName());
        try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : classEntries()) {
                try (InputStream in = SessionApp.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("class file " + entry + " not found");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    /** The class files of the app's package, as resource names. */
    private static List<String> classEntries() throws IOException {
        Path location;
        try {
            location = Path.of(SessionApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the lab's classes", e);
        }
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(PACKAGE))) {
                files.map(f -> PACKAGE + f.getFileName()).filter(n -> n.endsWith(".class")).sorted().forEach(entries::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(PACKAGE) && name.endsWith(".class") && name.indexOf('/', PACKAGE.length()) < 0) {
                        entries.add(name);
                    }
                }
            }
        }
        return entries;
    }
}
