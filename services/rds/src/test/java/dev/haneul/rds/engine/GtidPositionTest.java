package dev.haneul.rds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GtidPositionTest {

    @TempDir
    Path tmp;

    @Test
    void parsesComparesAndPrints() {
        GtidPosition position = GtidPosition.parse("0-3-1207, 1-2-5");
        assertThat(position.sequence(0)).isEqualTo(1207);
        assertThat(position.sequence(1)).isEqualTo(5);
        assertThat(position.sequence(7)).isZero();
        assertThat(position.toString()).isEqualTo("0-3-1207,1-2-5");
        assertThat(position.covers(GtidPosition.parse("0-1-1000"))).isTrue();
        assertThat(position.covers(GtidPosition.parse("0-1-1300"))).isFalse();
        assertThat(position.covers(GtidPosition.EMPTY)).isTrue();
        assertThat(GtidPosition.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> GtidPosition.parse("0-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBinlogStateKeepsOneGtidPerServer() {
        assertThat(GtidPosition.parseState("0-1-10,0-2-15")).extracting(GtidPosition.Gtid::server)
                .containsExactly(1L, 2L);
        assertThat(GtidPosition.parse("0-1-10,0-2-15").sequence(0)).isEqualTo(15);
    }

    @Test
    void theSeedPositionIsReadFromTheDumpComment() throws Exception {
        Path dump = tmp.resolve("seed.sql");
        Files.writeString(dump, """
                -- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;
                CREATE DATABASE x;
                -- SET GLOBAL gtid_slave_pos='0-1-6';
                """);
        assertThat(Seeder.position(dump)).isEqualTo(GtidPosition.parse("0-1-6"));
    }
}
