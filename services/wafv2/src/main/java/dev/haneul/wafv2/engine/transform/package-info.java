/**
 * AWS WAF's text transformations ({@code TextTransformationType}), applied to a field's content
 * before inspection. Content is a Latin-1 string: one char per byte, as received.
 */
@NullMarked
package dev.haneul.wafv2.engine.transform;

import org.jspecify.annotations.NullMarked;
