/**
 * {@code haneul lab}: architecture questions answered by experiment. Each {@link dev.haneul.lab.Lab}
 * drives a running Haneul through the AWS SDK, exactly as a user's script would, creates its own
 * {@code lab-<name>} resources, runs a scenario on the real engines and load balancers, and returns
 * a {@link dev.haneul.lab.LabResult}: a verdict record with named fields, tables and charts that
 * {@link dev.haneul.lab.LabRunner} prints and writes as a self-contained HTML report.
 */
@NullMarked
package dev.haneul.lab;

import org.jspecify.annotations.NullMarked;
