/**
 * SQL injection and XSS detection for {@code SqliMatchStatement} and {@code XssMatchStatement}:
 * tokenizer-based detectors of the libinjection class, written here. A SQL detector tokenizes the
 * input in each quoting context it could be injected into, folds the tokens into a short
 * fingerprint and looks it up among the fingerprints of known injections; the XSS detector
 * tokenizes the input as HTML and looks for executable constructs.
 */
@NullMarked
package dev.haneul.wafv2.engine.detect;

import org.jspecify.annotations.NullMarked;
