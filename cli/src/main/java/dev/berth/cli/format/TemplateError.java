package dev.berth.cli.format;

/**
 * A template failure inside the parser or executor, with Go's message ({@code template: :1: unclosed action});
 * unchecked so that deep recursion can stop at once, and turned into {@link TemplateException} at the API.
 */
final class TemplateError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TemplateError(String message) {
        super(message, null, false, false);
    }
}
