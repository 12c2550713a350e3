package dev.berth.cli.format;

import dev.berth.core.InvalidInputException;

/**
 * A {@code --format} template that does not parse or fails on a value. The message is Docker's, for example
 * {@code template parsing error: template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type
 * *formatter.ImageContext}; Docker exits with 1 for it, which is what an {@link InvalidInputException} gives.
 */
public final class TemplateException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String goMessage;

    TemplateException(String goMessage) {
        super("template parsing error: " + goMessage);
        this.goMessage = goMessage;
    }

    /** Go's own message, without Docker's {@code template parsing error: } prefix. */
    public String goMessage() {
        return goMessage;
    }
}
