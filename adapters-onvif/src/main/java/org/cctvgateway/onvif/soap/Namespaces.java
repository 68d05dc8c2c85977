package org.cctvgateway.onvif.soap;

/** The namespace URIs of SOAP, WS-Security, WS-Addressing, WS-Discovery and ONVIF. */
public final class Namespaces {
    /** SOAP 1.2 envelope. */
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    /** SOAP 1.1 envelope; some older firmware answers in it. */
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    /** WS-Security extension (Security, UsernameToken, Nonce). */
    public static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** WS-Security utility (Created). */
    public static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    /** UsernameToken profile, prefix of the Password Type and Nonce EncodingType values. */
    public static final String WSS_UT_PROFILE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    /** Base64 encoding type of a Nonce. */
    public static final String WSS_BASE64 =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    /** WS-Addressing 2004/08, used by WS-Discovery 2005/04. */
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    /** WS-Discovery 2005/04, the version ONVIF uses. */
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    /** ONVIF device service. */
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    /** ONVIF media service (ver10). */
    public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    /** ONVIF media2 service (ver20). */
    public static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    /** ONVIF schema types. */
    public static final String TT = "http://www.onvif.org/ver10/schema";
    /** ONVIF error codes (NotAuthorized, InvalidArgVal...). */
    public static final String TER = "http://www.onvif.org/ver10/error";
    /** ONVIF network WSDL (NetworkVideoTransmitter type for discovery). */
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";

    private Namespaces() {
    }
}
