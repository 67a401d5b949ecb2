/**
 * The {@code query} and {@code ec2} protocols: {@code Action} and {@code Version} with the input as
 * strictly decoded form parameters (flattened lists and maps), XML answers in the model's
 * namespace, and each protocol's error envelope.
 */
@NullMarked
package dev.haneul.core.protocol.query;

import org.jspecify.annotations.NullMarked;
