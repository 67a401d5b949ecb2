/** Tables, SVG charts and the self-contained HTML report of a lab run. */
@NullMarked
package dev.haneul.lab.report;

import org.jspecify.annotations.NullMarked;
