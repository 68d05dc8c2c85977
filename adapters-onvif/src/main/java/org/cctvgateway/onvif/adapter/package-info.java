/**
 * The ONVIF camera adapter: {@link org.cctvgateway.onvif.adapter.OnvifAdapterProvider}, found through
 * {@link java.util.ServiceLoader}, and {@link org.cctvgateway.onvif.adapter.OnvifCameraAdapter}, which
 * guards the probe of {@link org.cctvgateway.onvif.client} with a deadline and turns surprises into
 * typed results naming the adapter and the camera.
 */
package org.cctvgateway.onvif.adapter;
