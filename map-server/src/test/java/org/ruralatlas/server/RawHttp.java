package org.ruralatlas.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for the requests no well-behaved client sends: paths as written
 * ({@code /admin;/…}, {@code //admin}, {@code %00}), any method, any header, a hostile
 * {@code Host} or none. Keeps the connection alive between requests and opens a new one when the
 * server closed it. Headers and the request target go out as ISO-8859-1 bytes, unchanged.
 */
final class RawHttp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: status, headers (names in lower case) and body (gunzipped). */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean isProblem() {
            String type = header("content-type");
            return type != null && type.startsWith("application/problem+json");
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port) {
        this.host = "127.0.0.1";
        this.port = port;
    }

    /** GET with the usual Host header. */
    Reply get(String target, String... headers) {
        return send("GET", target, headers);
    }

    /**
     * A request with headers given as name, value, …; a Host header is added unless one is given
     * (a null value leaves the header out).
     */
    Reply send(String method, String target, String... headers) {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (int i = 0; i < headers.length; i += 2) {
            host |= headers[i].equalsIgnoreCase("Host");
            if (headers[i + 1] != null) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
        }
        if (!host) {
            head.append("Host: ").append(this.host).append(':').append(port).append("\r\n");
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    connect();
                }
                out.write(request);
                out.flush();
                return read(method);
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) {
                    throw new UncheckedIOException(method + " " + target, e);
                }
                // the server closed the kept-alive connection between two requests: once more on a new one
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    private Reply read(String method) throws IOException {
        while (true) {
            String status = line();
            if (status.isEmpty()) {
                throw new EOFException("no status line");
            }
            int code = Integer.parseInt(status.split(" ", 3)[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            if (code >= 100 && code < 200) {
                continue;
            }
            byte[] body = new byte[0];
            boolean none = method.equals("HEAD") || code == 204 || code == 304;
            String length = first(headers, "content-length");
            if (!none && "chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
                body = chunked();
            } else if (!none && length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (!none) {
                body = in.readAllBytes();
                close();
            }
            if ("close".equalsIgnoreCase(first(headers, "connection"))) {
                close();
            }
            // a byte range (206) of a gzip file is not a gzip stream of its own: kept as sent
            if ("gzip".equalsIgnoreCase(first(headers, "content-encoding")) && body.length > 0 && code != 206) {
                try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = gz.readAllBytes();
                }
            }
            return new Reply(code, headers, body);
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            throw new EOFException("connection closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
