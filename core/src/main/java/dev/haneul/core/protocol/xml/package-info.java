/**
 * XML as all of AWS's XML protocols write and read it: value trees of a shape to elements and back
 * (flattened lists and maps, namespaces, attributes), safe parsing of request bodies, and the error
 * envelopes.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.protocol.xml;

import org.jspecify.annotations.NullMarked;
