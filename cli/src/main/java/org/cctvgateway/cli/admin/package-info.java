/** The admin HTTP endpoint: Prometheus metrics and health, on loopback by default. */
package org.cctvgateway.cli.admin;
