package dev.berth.cli.format;

/**
 * A method of a {@link GoStruct} that a template calls with one string argument, as Docker's {@code ps} rows offer
 * {@code {{.Label "com.example.key"}}}. Called without its argument or with two, it fails as Go does
 * ({@code wrong number of args for Label: want 1 got 0}); {@code json} leaves it out, as Docker's rows do.
 */
@FunctionalInterface
public interface GoMethod {

    /** The method's result for {@code argument}: a value of the kinds {@link GoTemplate} accepts. */
    Object call(String argument);
}
