/** The {@code cctv-gateway} application: its entry point and version. */
package org.cctvgateway.cli;
