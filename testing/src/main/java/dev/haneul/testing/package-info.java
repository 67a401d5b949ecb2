/**
 * Test support: {@link dev.haneul.testing.HaneulExtension} runs a real Haneul server for a test
 * class (temporary data dir, free port, an address range of its own), with helpers to point AWS SDK
 * clients and the AWS CLI at it; {@link dev.haneul.testing.HaneulProcess} runs one as a separate
 * process, for tests that kill it.
 */
@NullMarked
package dev.haneul.testing;

import org.jspecify.annotations.NullMarked;
