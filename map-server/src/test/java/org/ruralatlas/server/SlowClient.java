package org.ruralatlas.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A GET read over a plain socket with a small receive window, so that the server cannot have
 * pushed a big body into the kernel's buffers: it is still sending while the test stops or kills
 * it. The status line and headers are read at once, the body as the test asks.
 */
final class SlowClient implements AutoCloseable {

    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final String status;
    final String etag;
    final long length;
    private final Socket socket;
    private final InputStream in;

    private SlowClient(Socket socket, InputStream in, String status, String etag, long length) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.etag = etag;
        this.length = length;
    }

    /** Sends the GET and reads the head and the first {@code first} bytes of the body. */
    static SlowClient get(String base, String path, int first) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(8 * 1024);
        URI uri = URI.create(base);
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(s.getInputStream(), 1024);
        String status = line(in);
        String etag = null;
        long length = -1;
        for (String h; !(h = line(in)).isEmpty(); ) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("etag")) {
                etag = value;
            } else if (name.equals("content-length")) {
                length = Long.parseLong(value);
            }
        }
        SlowClient c = new SlowClient(s, in, status, etag, length);
        c.body.write(in.readNBytes(first));
        return c;
    }

    /** The rest of the body, {@code pauseMillis} between reads of 8 KB, until the connection ends; false when it was reset. */
    boolean readRest(long pauseMillis) throws IOException {
        byte[] chunk = new byte[8 * 1024];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                body.write(chunk, 0, n);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            return true;
        } catch (IOException e) {
            return false; // reset by a dead server: what arrived before is all there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                l.write(c);
            }
        }
        return l.toString(StandardCharsets.ISO_8859_1);
    }
}
