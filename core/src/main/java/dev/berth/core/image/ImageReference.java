package dev.berth.core.image;

import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image name, normalised exactly as Docker's distribution/reference does it: {@code busybox} is
 * {@code docker.io/library/busybox:latest} and displays as {@code busybox}; the first component is a registry
 * when it has a {@code .} or {@code :} or is {@code localhost}.
 *
 * @param domain the registry, e.g. {@code docker.io} or {@code localhost:5000}
 * @param path   the repository path within it, e.g. {@code library/busybox}
 * @param tag    the tag, if one was given (or defaulted by {@link #withDefaultTag()})
 * @param digest the digest, if one was given
 */
public record ImageReference(String domain, String path, Optional<String> tag, Optional<Digest> digest) {

    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    // The grammar of distribution/reference (regexp.go).
    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")";
    private static final String DOMAIN_AND_PORT = HOST + "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern TAG_ONLY = Pattern.compile("^" + TAG + "$");
    private static final Pattern ANCHORED_ID = Pattern.compile("^[a-f0-9]{64}$");

    public ImageReference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Parses a name as the user typed it ({@code busybox}, {@code bb:1}, {@code localhost:5000/a/b:t},
     * {@code name@sha256:...}) with Docker's normalisation and Docker's error messages.
     */
    public static ImageReference parse(String text) throws InvalidInputException {
        if (ANCHORED_ID.matcher(text).matches()) {
            throw new InvalidInputException("invalid repository name (" + text
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = text.indexOf('/');
        String first = slash < 0 ? "" : text.substring(0, slash);
        if (slash < 0 || (first.indexOf('.') < 0 && first.indexOf(':') < 0 && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        } else {
            domain = first;
            remainder = text.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw new InvalidInputException("invalid reference format: repository name (" + remoteName
                    + ") must be lowercase");
        }
        return parseCanonical(domain + "/" + remainder);
    }

    /** Parses a fully qualified reference with no normalisation (distribution/reference's {@code Parse}). */
    static ImageReference parseCanonical(String text) throws InvalidInputException {
        Matcher matcher = REFERENCE.matcher(text);
        if (!matcher.matches()) {
            if (text.isEmpty()) {
                throw new InvalidInputException("invalid reference format: repository name must have at least one component");
            }
            if (REFERENCE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidInputException("invalid reference format: repository name must be lowercase");
            }
            throw new InvalidInputException("invalid reference format");
        }
        String name = matcher.group(1);
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidInputException("invalid reference format: repository name must not be more than "
                    + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        int slash = name.indexOf('/');
        Optional<Digest> digest = Optional.empty();
        if (matcher.group(3) != null) {
            try {
                digest = Optional.of(Digest.parse(matcher.group(3)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("invalid checksum digest format: \"" + matcher.group(3) + "\"");
            }
        }
        return new ImageReference(name.substring(0, slash), name.substring(slash + 1),
                Optional.ofNullable(matcher.group(2)), digest);
    }

    /** Whether {@code tag} is a valid tag. */
    public static boolean isValidTag(String tag) {
        return TAG_ONLY.matcher(tag).matches();
    }

    /** This reference with {@code latest} as tag when it has neither tag nor digest. */
    public ImageReference withDefaultTag() {
        return tag.isEmpty() && digest.isEmpty() ? withTag(DEFAULT_TAG) : this;
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(domain, path, Optional.of(newTag), Optional.empty());
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(domain, path, Optional.empty(), Optional.of(newDigest));
    }

    /** The repository without tag or digest. */
    public ImageReference repository() {
        return new ImageReference(domain, path, Optional.empty(), Optional.empty());
    }

    /** {@code docker.io/library/busybox}. */
    public String fullName() {
        return domain + "/" + path;
    }

    /** The name as Docker displays it: {@code busybox}, {@code user/app}, {@code localhost:5000/a/b}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
                return path.substring(OFFICIAL_PREFIX.length());
            }
            return path;
        }
        return fullName();
    }

    /** The familiar string with tag and digest: {@code busybox:latest}, {@code bb@sha256:...}. */
    public String familiarString() {
        return familiarName() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** The canonical string: {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return fullName() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
