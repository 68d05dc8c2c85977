package org.cctvgateway.internal;

/** URL handling every module needs, so that there is one way to keep credentials out of text. */
public final class Urls {
    private Urls() {
    }

    /**
     * {@code url} without its user-info ({@code rtsp://user:pass@host/x} becomes
     * {@code rtsp://host/x}), for logs and messages. The user-info ends at the LAST {@code @}
     * of the authority, since a password may itself contain {@code @}; an {@code @} in the path
     * or query is left alone. Works on text that is not a valid URI too.
     */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return url;
        }
        return url.substring(0, authorityStart) + url.substring(at + 1);
    }
}
