package io.vigil.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 POST that declares a body length and sends only the headers. A limit decided on the
 * declared length is answered before any body is read, and the server closes the connection then;
 * a client still uploading can see that close before the response ("header parser received no bytes").
 */
final class DeclaredLengthPost {
    private DeclaredLengthPost() {}

    record Response(String statusLine, String body) {}

    static Response send(int port, String path, long declaredLength, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) head.append(h).append("\r\n");
            head.append("Content-Type: application/json\r\nContent-Length: ").append(declaredLength).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String status = line(in);
            long length = -1;
            for (String h; !(h = line(in)).isEmpty(); ) {
                if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(h.indexOf(':') + 1).strip());
                }
            }
            byte[] body = length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
            return new Response(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) if (b != '\r') out.write(b);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
