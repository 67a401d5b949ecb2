package dev.haneul.rds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's files: owner-only from creation, gone after a seed or a crash; the interrupted-seed marker. */
class SeederTest {

    @TempDir
    Path dir;

    @Test
    void seedFilesAreOwnerOnlyFromTheirCreation() throws Exception {
        Path options = dir.resolve(Seeder.OPTIONS_FILE);
        Seeder.ownerOnly(options, "[client]\npassword=\"secret\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options))).isEqualTo("rw-------");
        assertThat(Files.readString(options)).contains("secret");
    }

    @Test
    void leftoversOfACrashAreRemovedAndTheMarkerSaysTheSeedWasInterrupted() throws Exception {
        Seeder.ownerOnly(dir.resolve(Seeder.DUMP_FILE), "-- dump");
        Seeder.ownerOnly(dir.resolve(Seeder.OPTIONS_FILE), "[client]");
        Files.writeString(dir.resolve(Seeder.IN_PROGRESS), "w-1\n");
        assertThat(Seeder.interrupted(dir)).isTrue();

        Seeder.removeLeftovers(dir);
        assertThat(dir.resolve(Seeder.DUMP_FILE)).doesNotExist();
        assertThat(dir.resolve(Seeder.OPTIONS_FILE)).doesNotExist();
        assertThat(Seeder.interrupted(dir)).as("the marker outlives the files: the data is still partial").isTrue();

        Seeder.removeMarker(dir);
        assertThat(Seeder.interrupted(dir)).isFalse();
    }
}
