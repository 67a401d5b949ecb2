/**
 * The AWS Security Token Service API (query protocol, 2011-06-15): who is calling.
 */
@NullMarked
package dev.haneul.sts.api;

import org.jspecify.annotations.NullMarked;
