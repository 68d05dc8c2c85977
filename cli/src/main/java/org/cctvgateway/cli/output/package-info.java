/** How commands speak to people and scripts: one-line errors, JSON lines, log levels. */
package org.cctvgateway.cli.output;
