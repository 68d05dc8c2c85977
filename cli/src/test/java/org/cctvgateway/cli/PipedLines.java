package org.cctvgateway.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A writer whose complete lines a test can take one at a time, with a time limit. */
public final class PipedLines {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    public PrintWriter writer() {
        return new PrintWriter(new Writer() {
            @Override
            public synchronized void write(char[] cbuf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (cbuf[i] == '\n') {
                        lines.add(partial.toString());
                        partial.setLength(0);
                    } else if (cbuf[i] != '\r') {
                        partial.append(cbuf[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
    }

    public String next(Duration limit) throws InterruptedException {
        String line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + limit);
        }
        return line;
    }
}
