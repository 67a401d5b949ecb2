package dev.haneul.core.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The second JVM of {@link EngineResolverTest#concurrentUnpackFromTwoJvmsUnpacksOnce}: prints
 * {@code ready}, waits for {@code go} on stdin, resolves the bundled MariaDB into the cache named by
 * its argument, and prints how many unpacks it did and where the server is.
 */
public final class UnpackRaceMain {

    private UnpackRaceMain() {
    }

    public static void main(String[] args) throws Exception {
        EngineResolver resolver = TestEngines.resolver(BinarySource.BUNDLED, Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            throw new IllegalStateException("expected: go");
        }
        MariaDbBinaries binaries = resolver.mariaDb();
        System.out.println("unpacks=" + resolver.unpacks() + " server=" + binaries.server());
        System.out.flush();
    }
}
