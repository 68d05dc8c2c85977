package org.cctvgateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint signs. The signed bytes are the UTF-8 text
 * <pre>
 * cctv-gateway audit checkpoint v1
 * seq=COVERED_SEQ
 * hash=COVERED_HASH
 * time=CHECKPOINT_TIME
 * keyId=KEY_ID
 * </pre>
 * (each line ending in {@code '\n'}), where COVERED_SEQ and COVERED_HASH are the seq and line hash of
 * the record just before the checkpoint and CHECKPOINT_TIME is the checkpoint record's own time.
 * Since every line hashes the one before it, a good signature vouches for every record up to the
 * covered one.
 */
final class Checkpoints {
    private Checkpoints() {
    }

    static byte[] signedBytes(long coveredSeq, String coveredHash, Instant time, String keyId) {
        return ("cctv-gateway audit checkpoint v1\nseq=" + coveredSeq + "\nhash=" + coveredHash + "\ntime=" + time
                + "\nkeyId=" + keyId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> fields(AuditSigner signer, long coveredSeq, String coveredHash, Instant time) {
        byte[] sig = signer.sign(signedBytes(coveredSeq, coveredHash, time, signer.keyId()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AuditFields.COVERED_SEQ, coveredSeq);
        m.put(AuditFields.COVERED_HASH, coveredHash);
        m.put(AuditFields.KEY_ID, signer.keyId());
        m.put(AuditFields.SIGNATURE, Base64.getEncoder().encodeToString(sig));
        return m;
    }
}
