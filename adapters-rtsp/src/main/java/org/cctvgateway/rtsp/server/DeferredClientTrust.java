package org.cctvgateway.rtsp.server;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server side's client-certificate trust for {@link RtspTlsContexts#serverForViewerAccess}:
 * names the gateway's CA in the certificate request, so that clients pick the right certificate,
 * and accepts whatever chain is presented, leaving the verdict to the {@link ViewerAccess} that
 * admits each request. Never used to check servers.
 */
final class DeferredClientTrust extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    DeferredClientTrust(List<X509Certificate> issuers) {
        this.issuers = issuers.toArray(new X509Certificate[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Judged per request by ViewerAccess.admit, which can answer with a reason.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // As above.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // As above.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only takes client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager only takes client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager only takes client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return issuers.clone();
    }
}
