/**
 * Benchmarks of Haneul's data planes: JMH benchmarks ({@code *Benchmark}) and standalone mains
 * that the shared peer scripts measure next to HAProxy and a direct connection. Nothing here runs
 * during the build; see {@code bench/README.md}.
 */
@NullMarked
package dev.haneul.bench;

import org.jspecify.annotations.NullMarked;
