/** The subcommands of {@code cctv-gateway}, one picocli class each. */
package org.cctvgateway.cli.command;
