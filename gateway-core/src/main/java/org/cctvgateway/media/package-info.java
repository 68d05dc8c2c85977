/**
 * The media model: {@link org.cctvgateway.media.AccessUnit} (one picture's NAL units and times,
 * reference counted), parameter sets and stream descriptions, SPS readers for H.264 and H.265,
 * an {@link org.cctvgateway.media.AnnexB} reader for bundled clips, the
 * {@link org.cctvgateway.media.Normalizer} that makes a camera's stream continuous and
 * self-contained, the {@link org.cctvgateway.media.StreamHub} that fans it out to viewers, and the
 * {@link org.cctvgateway.media.ViewerGate} slow-viewer policy. Malformed coded video raises
 * {@link org.cctvgateway.media.MediaFormatException}. Nothing here does I/O.
 */
package org.cctvgateway.media;
