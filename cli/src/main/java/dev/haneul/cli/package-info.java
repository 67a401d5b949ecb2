/**
 * The {@code haneul} command line: starts and stops the server, shows its status, runs the AWS CLI
 * against it and runs the test suite. Apart from starting a server it talks to Haneul over HTTP
 * only.
 */
@NullMarked
package dev.haneul.cli;

import org.jspecify.annotations.NullMarked;
