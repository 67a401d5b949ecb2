/** Tables, SVG charts and the self-contained HTML report of a lab run. */
package dev.haneul.lab.report;
