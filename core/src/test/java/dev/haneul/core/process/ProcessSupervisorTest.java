package dev.haneul.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against real (shell) child processes. */
class ProcessSupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        supervisor = new ProcessSupervisor();
    }

    @AfterEach
    void tearDown() throws IOException {
        supervisor.close();
        ProcessSupervisor.stopOrphans(tmp, Duration.ofSeconds(5)); // whatever a failed test left behind
    }

    @Test
    void startsInItsOwnSessionWithOutputInTheLogAndStopsOnSigterm() throws Exception {
        Path dir = tmp.resolve("one");
        ProcessSpec spec = ShellScripts.spec("test/one", dir, ShellScripts.SLEEPER).build();
        List<ProcessExit> exits = new CopyOnWriteArrayList<>();

        ManagedProcess process = supervisor.start(spec);
        process.addListener(new ProcessListener() {
            @Override
            public void onExit(ManagedProcess p, ProcessExit exit) {
                exits.add(exit);
            }
        });

        long pid = process.pid().orElseThrow();
        assertThat(process.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(process.adopted()).isFalse();
        assertThat(Files.readString(spec.pidFile()).trim()).isEqualTo(Long.toString(pid));
        assertThat(ShellScripts.sessionOf(pid)).as("own session (setsid), so Ctrl-C on Haneul misses it").isEqualTo(pid);
        assertThat(ShellScripts.sessionOf(pid)).isNotEqualTo(ShellScripts.sessionOf(ProcessHandle.current().pid()));
        await().atMost(WAIT).until(() -> Files.readString(spec.logFile()).contains("hello from " + pid));

        process.stop();

        assertThat(process.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(ProcFs.isRunning(pid)).isFalse();
        assertThat(spec.pidFile()).doesNotExist();
        assertThat(exits).singleElement().satisfies(exit -> {
            assertThat(exit.expected()).isTrue();
            assertThat(exit.pid()).isEqualTo(pid);
        });
    }

    @Test
    void startFailureReportsTheLogTailQuickly() throws Exception {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.log"), "output of an earlier run\n");
        ProcessSpec spec = ShellScripts.spec("test/bad", dir, ShellScripts.BAD_OPTION)
                .readyTimeout(Duration.ofSeconds(60))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> supervisor.start(spec))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("test/bad - pid")
                .hasMessageContaining("exited with code 3 during start-up")
                .hasMessageContaining("unknown variable 'no_such_option=1'")
                .satisfies(e -> assertThat(((ProcessStartException) e).logTail())
                        .contains("starting")
                        .doesNotContain("earlier run"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, not at the deadline")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(supervisor.process("test/bad")).get().extracting(ManagedProcess::state).isEqualTo(ProcessState.FAILED);
        assertThat(spec.pidFile()).doesNotExist();
    }

    @Test
    void readyTimeoutKillsTheProcess() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/slow", tmp.resolve("slow"), ShellScripts.NEVER_READY)
                .readinessProbe(pid -> {
                    throw new IOException("connection refused");
                })
                .readyTimeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> supervisor.start(spec))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("not ready after PT0.3S")
                .hasMessageContaining("connection refused");

        ManagedProcess process = supervisor.process("test/slow").orElseThrow();
        assertThat(process.state()).isEqualTo(ProcessState.FAILED);
        assertThat(ProcFs.isRunning(process.pid().orElseThrow())).isFalse();
    }

    @Test
    void stopEscalatesToSigkillAfterTheStopTimeout() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/stubborn", tmp.resolve("stubborn"), ShellScripts.TERM_IGNORER)
                .stopTimeout(Duration.ofMillis(300))
                .build();
        ManagedProcess process = supervisor.start(spec);
        long pid = process.pid().orElseThrow();

        process.stop();

        assertThat(ProcFs.isRunning(pid)).isFalse();
        assertThat(process.state()).isEqualTo(ProcessState.STOPPED);
    }

    @Test
    void crashIsReportedToListenersAndStateChanges() throws Exception {
        ManagedProcess process = supervisor.start(
                ShellScripts.spec("test/crash", tmp.resolve("crash"), ShellScripts.SLEEPER).build());
        List<ProcessExit> exits = new CopyOnWriteArrayList<>();
        List<ProcessState> states = new CopyOnWriteArrayList<>();
        process.addListener(new ProcessListener() {
            @Override
            public void onStateChange(ManagedProcess p, ProcessState from, ProcessState to) {
                states.add(to);
            }

            @Override
            public void onExit(ManagedProcess p, ProcessExit exit) {
                exits.add(exit);
            }
        });
        long pid = process.pid().orElseThrow();

        assertThat(process.kill()).isTrue();

        await().atMost(WAIT).until(() -> exits.size() == 1);
        assertThat(exits.getFirst()).satisfies(exit -> {
            assertThat(exit.pid()).isEqualTo(pid);
            assertThat(exit.expected()).isFalse();
            assertThat(exit.willRestart()).isFalse();
            assertThat(exit.exitCode()).hasValue(137);
        });
        assertThat(process.state()).isEqualTo(ProcessState.EXITED);
        assertThat(states).containsExactly(ProcessState.EXITED);
        assertThat(process.spec().pidFile()).doesNotExist();
    }

    @Test
    void restartPolicyRestartsWithBackoffThenGivesUp() throws Exception {
        ManagedProcess process = supervisor.start(ShellScripts.spec("test/restart", tmp.resolve("restart"),
                ShellScripts.SLEEPER).restartPolicy(RestartPolicy.onFailure(2, Duration.ofMillis(50),
                Duration.ofMillis(200))).build());
        long first = process.pid().orElseThrow();

        process.kill();
        await().atMost(WAIT).until(() -> process.state() == ProcessState.RUNNING && process.pid().orElseThrow() != first);
        long second = process.pid().orElseThrow();
        assertThat(process.restarts()).isEqualTo(1);
        assertThat(Files.readString(process.spec().pidFile()).trim()).isEqualTo(Long.toString(second));

        process.kill();
        await().atMost(WAIT).until(() -> process.state() == ProcessState.RUNNING && process.pid().orElseThrow() != second);
        assertThat(process.restarts()).isEqualTo(2);

        process.kill();
        await().atMost(WAIT).until(() -> process.state() == ProcessState.FAILED);
        assertThat(process.restarts()).isEqualTo(2);
        assertThat(ProcFs.isRunning(process.pid().orElseThrow())).isFalse();
    }

    @Test
    void stopDuringStartupWinsOverTheStart() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/never", tmp.resolve("never"), ShellScripts.NEVER_READY).build();
        Thread starter = Thread.ofVirtual().start(() -> {
            try {
                supervisor.start(spec);
            } catch (ProcessStartException e) {
                assertThat(e).hasMessageContaining("stopped while starting");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(WAIT).until(() -> supervisor.process("test/never").map(p -> p.pid().isPresent()).orElse(false));
        ManagedProcess process = supervisor.process("test/never").orElseThrow();

        process.stop();
        starter.join(WAIT);

        assertThat(starter.isAlive()).isFalse();
        assertThat(process.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(ProcFs.isRunning(process.pid().orElseThrow())).isFalse();
    }

    @Test
    void aSecondSupervisorAdoptsTheRunningProcessInsteadOfStartingAnother() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/adopt", tmp.resolve("adopt"), ShellScripts.SLEEPER).build();
        long pid = supervisor.start(spec).pid().orElseThrow();
        // Haneul is SIGKILLed: its objects vanish, the child keeps running. A new Haneul starts.
        supervisor = new ProcessSupervisor();

        ManagedProcess adopted = supervisor.start(spec);

        assertThat(adopted.adopted()).isTrue();
        assertThat(adopted.pid()).hasValue(pid);
        assertThat(adopted.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(Files.readString(spec.logFile())).containsOnlyOnce("hello from"); // no second copy

        List<ProcessExit> exits = new CopyOnWriteArrayList<>();
        adopted.addListener(new ProcessListener() {
            @Override
            public void onExit(ManagedProcess p, ProcessExit exit) {
                exits.add(exit);
            }
        });
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // crash of an adopted (non-child) process
        await().atMost(WAIT).until(() -> exits.size() == 1);
        assertThat(exits.getFirst().exitCode()).isEmpty();
        assertThat(adopted.state()).isEqualTo(ProcessState.EXITED);
    }

    @Test
    void stalePidFilesAreReplaced() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/stale", tmp.resolve("stale"), ShellScripts.SLEEPER).build();
        long myPid = ProcessHandle.current().pid(); // alive, but another program
        Files.writeString(spec.pidFile(), myPid + "\n");

        ManagedProcess process = supervisor.start(spec);

        assertThat(process.adopted()).isFalse();
        assertThat(process.pid().orElseThrow()).isNotEqualTo(myPid);
        process.stop();

        Files.writeString(spec.pidFile(), "999999999\n"); // dead
        supervisor = new ProcessSupervisor();
        ManagedProcess again = supervisor.start(spec);
        assertThat(again.adopted()).isFalse();
        assertThat(Files.readString(spec.pidFile()).trim()).isEqualTo(Long.toString(again.pid().orElseThrow()));
    }

    @Test
    void adoptOnlyStartsNothing() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/none", tmp.resolve("none"), ShellScripts.SLEEPER).build();

        assertThat(supervisor.adopt(spec)).isEmpty();
        assertThat(supervisor.process("test/none")).isEmpty();
        assertThat(spec.logFile()).doesNotExist();
    }

    @Test
    void aSecondStartOfAnActiveNameIsRefused() throws Exception {
        ProcessSpec spec = ShellScripts.spec("test/twice", tmp.resolve("twice"), ShellScripts.SLEEPER).build();
        supervisor.start(spec);

        assertThatThrownBy(() -> supervisor.start(spec))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("test/twice - already supervised (state: RUNNING; expected: stopped or failed)");
    }

    @Test
    void stopOrphansStopsForgottenProcessesAndSparesOthers() throws Exception {
        Path root = tmp.resolve("data");
        long a = supervisor.start(ShellScripts.spec("test/a", root.resolve("engines/a"), ShellScripts.SLEEPER).build())
                .pid().orElseThrow();
        long b = supervisor.start(ShellScripts.spec("test/b", root.resolve("engines/b"), ShellScripts.TERM_IGNORER)
                .build()).pid().orElseThrow();
        supervisor = new ProcessSupervisor(); // forget them
        Path foreign = root.resolve("engines/c/other.pid");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, ProcessHandle.current().pid() + "\n");

        List<Long> stopped = ProcessSupervisor.stopOrphans(root, Duration.ofMillis(300));

        assertThat(stopped).containsExactlyInAnyOrder(a, b);
        assertThat(ProcFs.isRunning(a)).isFalse();
        assertThat(ProcFs.isRunning(b)).isFalse();
        assertThat(root.resolve("engines/a/run.pid")).doesNotExist();
        assertThat(root.resolve("engines/b/run.pid")).doesNotExist();
        assertThat(foreign).doesNotExist(); // stale: names this JVM, which is not an engine of that dir
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(ProcessSupervisor.stopOrphans(root, Duration.ofMillis(300))).isEmpty();
        assertThat(ProcessSupervisor.stopOrphans(tmp.resolve("missing"), Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void restartPolicyBackoffDoublesUpToTheCap() {
        RestartPolicy policy = RestartPolicy.onFailure(10, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
        assertThatThrownBy(() -> RestartPolicy.onFailure(-1))
                .hasMessage("maxRestarts: -1 (expected: >= 0)");
    }

    @Test
    void specValidationNamesTheField() {
        assertThatThrownBy(() -> ProcessSpec.builder("x", List.of("/bin/true")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("x - workDir: not set (expected: a value)");
        assertThatThrownBy(() -> ReadinessProbe.listeningOn(70000))
                .hasMessage("port: 70000 (expected: 1-65535)");
    }
}
