/**
 * The media model: {@link org.cctvgateway.media.AccessUnit} (one picture's NAL units and times,
 * reference counted), parameter sets and stream descriptions, SPS readers for H.264 and H.265,
 * the {@link org.cctvgateway.media.Normalizer} that makes a camera's stream continuous and
 * self-contained, and the {@link org.cctvgateway.media.StreamHub} that fans it out to viewers.
 * Nothing here does I/O.
 */
package org.cctvgateway.media;
