package org.cctvgateway.validation;

/** The IEC 62676-4 levels of detail, lowest first; their pixel densities depend on the {@link DoriEdition}. */
public enum DoriLevel {
    DETECT, OBSERVE, RECOGNISE, IDENTIFY
}
