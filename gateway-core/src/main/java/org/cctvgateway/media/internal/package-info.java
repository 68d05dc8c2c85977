/**
 * Helpers for the media readers, not meant for integrators: {@link
 * org.cctvgateway.media.internal.BitReader}, a bounded bit reader with Exp-Golomb codes over a
 * NAL unit's payload with emulation-prevention bytes removed, and {@link
 * org.cctvgateway.media.internal.VuiHead}, the start of the VUI both codecs share.
 */
package org.cctvgateway.media.internal;
