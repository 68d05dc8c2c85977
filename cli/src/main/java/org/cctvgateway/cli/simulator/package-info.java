/**
 * The camera simulator: the gateway's own RTSP server fed by a looped clip, so that tests and the
 * demo exercise the production code paths on one machine.
 */
package org.cctvgateway.cli.simulator;
