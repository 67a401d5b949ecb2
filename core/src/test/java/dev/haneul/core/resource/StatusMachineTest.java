package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StatusMachineTest {

    enum Status {
        CREATING, AVAILABLE, FAILING_OVER, DELETING, FAILED;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final StatusMachine<Status> machine = StatusMachine.builder(Status.class, Status::wire)
            .allow(Status.CREATING, Status.AVAILABLE, Status.FAILED)
            .allow(Status.AVAILABLE, Status.FAILING_OVER, Status.DELETING)
            .allow(Status.FAILING_OVER, Status.AVAILABLE)
            .allowFromAll(EnumSet.of(Status.CREATING, Status.FAILED), Status.DELETING)
            .build();

    @Test
    void spellsAndParsesStatusesAsTheApiDoes() {
        assertThat(machine.wire(Status.FAILING_OVER)).isEqualTo("failing-over");
        assertThat(machine.parse("failing-over")).contains(Status.FAILING_OVER);
        assertThat(machine.parse("Available")).isEmpty();
    }

    @Test
    void movesOnlyAlongTheLifecycle() {
        assertThat(machine.move(Status.CREATING, Status.AVAILABLE)).isEqualTo(Status.AVAILABLE);
        assertThat(machine.canMove(Status.AVAILABLE, Status.AVAILABLE)).isTrue();
        assertThat(machine.canMove(Status.FAILED, Status.DELETING)).isTrue();
        assertThat(machine.next(Status.AVAILABLE)).containsExactlyInAnyOrder(Status.FAILING_OVER, Status.DELETING);
        assertThatThrownBy(() -> machine.move(Status.DELETING, Status.AVAILABLE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("deleting to available");
    }

    @Test
    void anOperationInTheWrongStatusIsTheCallersError() {
        assertThatThrownBy(() -> machine.require(Status.CREATING, EnumSet.of(Status.AVAILABLE),
                () -> new AwsServiceException(400, "InvalidDBClusterStateFault", "not available")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidDBClusterStateFault"));
        assertThat(machine.require(Status.AVAILABLE, EnumSet.of(Status.AVAILABLE), () -> null))
                .isEqualTo(Status.AVAILABLE);
    }
}
