/**
 * Supervision of child processes (the engines: {@code mariadbd}, {@code redis-server}).
 *
 * <p>Entry point: {@link dev.haneul.core.process.ProcessSupervisor}. A
 * {@link dev.haneul.core.process.ProcessSpec} says what to run and how to tell it is ready; the
 * supervisor starts it (or adopts a copy left running by a previous Haneul), waits for readiness
 * with a deadline, watches it and stops it. What a caller holds is a
 * {@link dev.haneul.core.process.ManagedProcess}.
 *
 * <p>Design points every caller should know:
 * <ul>
 *   <li>Engines must outlive the JVM: their output goes to a log file (never a pipe) and they run
 *       in their own session ({@code setsid}), so a Ctrl-C or a SIGKILL of Haneul leaves them
 *       running. A restarted Haneul finds them through their pid files and adopts them instead of
 *       starting a second copy; {@link dev.haneul.core.process.ProcessSupervisor#stopOrphans}
 *       stops the ones nobody claims.</li>
 *   <li>Everything here blocks (process start, probes, stop). Call it from virtual threads, never
 *       from a Netty event loop.</li>
 *   <li>Linux only for adoption and readiness checks: they read {@code /proc}.</li>
 * </ul>
 */
@NullMarked
package dev.haneul.core.process;

import org.jspecify.annotations.NullMarked;
