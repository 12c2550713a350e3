package dev.berth.core.registry;

import dev.berth.core.InvalidInputException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a registry named in an image reference is reached: {@code docker.io} is served by
 * {@code registry-1.docker.io}; plain HTTP is used for {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}
 * and the registries of the {@code insecure-registries} setting (names with or without port, or CIDR
 * ranges of literal addresses, as Docker accepts them); HTTPS everywhere else.
 *
 * @param domain    the registry as references name it ({@code docker.io}, {@code localhost:5000})
 * @param base      the scheme, host and port requests go to
 * @param plainHttp whether the registry is spoken to without TLS
 */
public record RegistryEndpoint(String domain, URI base, boolean plainHttp) {

    /** The host that serves Docker Hub's registry API. */
    public static final String HUB_HOST = "registry-1.docker.io";
    private static final String HUB_DOMAIN = "docker.io";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public RegistryEndpoint {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(base, "base");
    }

    /**
     * The endpoint of {@code domain}.
     *
     * @param insecureRegistries the {@code insecure-registries} setting
     */
    public static RegistryEndpoint of(String domain, List<String> insecureRegistries) throws InvalidInputException {
        String authority = domain.equals(HUB_DOMAIN) || domain.equals("index.docker.io") ? HUB_HOST : domain;
        boolean plain = !authority.equals(HUB_HOST) && (isLoopback(host(authority))
                || insecureRegistries.stream().anyMatch(entry -> matches(entry, authority)));
        try {
            return new RegistryEndpoint(domain, new URI((plain ? "http://" : "https://") + authority), plain);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("invalid registry \"" + domain + "\": " + e.getMessage());
        }
    }

    /** The URI of a path of the registry API, e.g. {@code /v2/}. */
    public URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Whether {@code uri} is on this registry's host and port (credentials may go there, nowhere else). */
    public boolean isSameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && effectivePort(base) == effectivePort(uri);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The host of {@code host[:port]} or {@code [v6]:port}, lower-cased, brackets removed. */
    static String host(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return authority.substring(1, close < 0 ? authority.length() : close).toLowerCase(Locale.ROOT);
        }
        int colon = authority.indexOf(':');
        return (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            return host.startsWith("127.");
        }
        return host.contains(":") && literal(host) instanceof java.net.Inet6Address && literal(host).isLoopbackAddress();
    }

    /** Whether an {@code insecure-registries} entry (a name, a name with port, or a CIDR range) covers it. */
    private static boolean matches(String entry, String authority) {
        String normalized = entry.replaceFirst("^[a-z]+://", "").replaceAll("/+$", "");
        if (normalized.equalsIgnoreCase(authority)) {
            return true;
        }
        int slash = normalized.indexOf('/');
        if (slash < 0) {
            return !normalized.contains(":") && normalized.equalsIgnoreCase(host(authority));
        }
        InetAddress network = literal(normalized.substring(0, slash));
        InetAddress address = literal(host(authority));
        if (network == null || address == null || network.getAddress().length != address.getAddress().length) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(normalized.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        int width = network.getAddress().length * 8;
        if (bits < 0 || bits > width) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(width - bits).subtract(BigInteger.ONE));
        return new BigInteger(1, network.getAddress()).and(mask).equals(new BigInteger(1, address.getAddress()).and(mask));
    }

    /** A literal IP address, never a DNS lookup; null when {@code text} is not one. */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !text.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
