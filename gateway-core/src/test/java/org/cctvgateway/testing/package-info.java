/**
 * Test support shared by every module through the gateway-core test-jar: Netty leak checking
 * ({@link org.cctvgateway.testing.RecordingLeakDetector} records what Netty's paranoid detector
 * reports, {@link org.cctvgateway.testing.LeakCheckExtension}, auto-registered through
 * {@code META-INF/services}, fails the test or class that leaked).
 */
package org.cctvgateway.testing;
