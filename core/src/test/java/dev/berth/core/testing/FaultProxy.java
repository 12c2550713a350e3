package dev.berth.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy in front of a registry on 127.0.0.1 that injects faults into chosen exchanges: a canned
 * answer (429, 500, a redirect to another host, a bad manifest), a connection dropped or stalled after part
 * of the response body, a corrupted body byte, a request header removed. Every exchange goes over a
 * connection of its own (the proxy closes it after the answer, saying so with {@code Connection: close}),
 * so faults hit exactly the requests they are meant for. It records every request it sees.
 */
public final class FaultProxy implements AutoCloseable {

    /**
     * A request as the proxy saw it.
     *
     * @param method  the method
     * @param target  the path and query
     * @param headers the headers, names lower-cased
     */
    public record Seen(String method, String target, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** What to do to a matching exchange. */
    public static final class Fault {
        final int status;
        final Map<String, String> headers;
        final byte[] body;
        final long dropAfter;
        final long stallAfter;
        final long corruptAt;
        final String stripHeader;

        private Fault(int status, Map<String, String> headers, byte[] body, long dropAfter, long stallAfter,
                      long corruptAt, String stripHeader) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.dropAfter = dropAfter;
            this.stallAfter = stallAfter;
            this.corruptAt = corruptAt;
            this.stripHeader = stripHeader;
        }

        /** Answers with {@code status}, {@code headers} and {@code body} instead of the registry. */
        public static Fault respond(int status, Map<String, String> headers, byte[] body) {
            return new Fault(status, headers, body, -1, -1, -1, null);
        }

        /** Forwards, then closes the connection after {@code bytes} of the response body. */
        public static Fault dropAfter(long bytes) {
            return new Fault(0, Map.of(), null, bytes, -1, -1, null);
        }

        /** Forwards, then sends nothing more after {@code bytes} of the body, keeping the connection open. */
        public static Fault stallAfter(long bytes) {
            return new Fault(0, Map.of(), null, -1, bytes, -1, null);
        }

        /** Forwards, flipping the bits of the body's byte at {@code offset}. */
        public static Fault corruptAt(long offset) {
            return new Fault(0, Map.of(), null, -1, -1, offset, null);
        }

        /** Forwards without the request header {@code name} (e.g. a registry that ignores {@code Range}). */
        public static Fault stripRequestHeader(String name) {
            return new Fault(0, Map.of(), null, -1, -1, -1, name.toLowerCase(Locale.ROOT));
        }
    }

    private record Rule(String method, Pattern target, int[] remaining, Fault fault) {
    }

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    public FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}: the registry as clients of the proxy name it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The next {@code times} requests of {@code method} whose path and query match {@code target} get {@code fault}. */
    public FaultProxy on(String method, String target, int times, Fault fault) {
        rules.add(new Rule(method, Pattern.compile(target), new int[] {times}, fault));
        return this;
    }

    /** Every request seen so far, in order. */
    public List<Seen> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The requests seen so far of {@code method} whose target matches {@code target}. */
    public List<Seen> requests(String method, String target) {
        Pattern pattern = Pattern.compile(target);
        return requests().stream().filter(r -> r.method().equals(method) && pattern.matcher(r.target()).find()).toList();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread handler = new Thread(() -> serve(client), "fault-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // Closed.
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> rawHeaders = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                rawHeaders.add(lines[i]);
            }
            Seen request = new Seen(requestLine[0], requestLine[1], headers);
            seen.add(request);
            Fault fault = match(request);
            if (fault != null && fault.status > 0) {
                copyBody(in, OutputStream.nullOutputStream(), headers);
                StringBuilder response = new StringBuilder("HTTP/1.1 " + fault.status + " Fault\r\n");
                fault.headers.forEach((name, value) -> response.append(name).append(": ").append(value).append("\r\n"));
                response.append("Content-Length: ").append(fault.body.length).append("\r\nConnection: close\r\n\r\n");
                out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(fault.body);
                out.flush();
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                open.add(upstream);
                OutputStream up = upstream.getOutputStream();
                StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
                for (String header : rawHeaders) {
                    String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    if (!name.equals("connection") && !(fault != null && name.equals(fault.stripHeader))) {
                        forwarded.append(header).append("\r\n");
                    }
                }
                forwarded.append("Connection: close\r\n\r\n");
                up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                copyBody(in, up, headers);
                up.flush();
                relayResponse(upstream.getInputStream(), out, fault, client);
            }
        } catch (IOException | InterruptedException e) {
            // The client or the registry went away: nothing to relay any more.
        }
    }

    private Fault match(Seen request) {
        for (Rule rule : rules) {
            if (rule.method().equals(request.method()) && rule.target().matcher(request.target()).find()) {
                synchronized (rule.remaining()) {
                    if (rule.remaining()[0] > 0) {
                        rule.remaining()[0]--;
                        return rule.fault();
                    }
                }
            }
        }
        return null;
    }

    /** The registry's response, its {@code Connection} header replaced, its body faulted as asked. */
    private void relayResponse(InputStream upstream, OutputStream out, Fault fault, Socket client)
            throws IOException, InterruptedException {
        String head = readHead(upstream);
        if (head == null) {
            return;
        }
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        long limit = fault == null ? -1 : fault.dropAfter >= 0 ? fault.dropAfter : fault.stallAfter;
        long position = 0;
        byte[] buffer = new byte[8192];
        while (true) {
            int want = limit >= 0 ? (int) Math.min(buffer.length, limit - position) : buffer.length;
            int n = want == 0 ? -1 : upstream.read(buffer, 0, want);
            if (n < 0) {
                break;
            }
            if (fault != null && fault.corruptAt >= position && fault.corruptAt < position + n) {
                buffer[(int) (fault.corruptAt - position)] ^= (byte) 0xff;
            }
            out.write(buffer, 0, n);
            position += n;
        }
        out.flush();
        if (fault != null && fault.stallAfter >= 0) {
            // Keep the connection open and silent until the client gives up or the proxy closes.
            while (!closed && client.getInputStream().read() >= 0) {
                Thread.sleep(Duration.ofMillis(10).toMillis());
            }
        }
    }

    /** The head of a request or response, up to the empty line; null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** Copies a request body framed by {@code Content-Length} or chunked encoding, framing included. */
    private static void copyBody(InputStream in, OutputStream out, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            copy(in, out, length);
            return;
        }
        if (!"chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            return;
        }
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long size = Long.parseLong(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); ; trailer = readLine(in)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
            }
            copy(in, out, size + 2);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        while (length > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("the body ended early");
            }
            out.write(buffer, 0, n);
            length -= n;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
