package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import dev.berth.spi.RandomBytes;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container's name: given with {@code --name} or generated as {@code adjective_surname} when absent, as
 * Docker does. Docker shows names with a leading {@code /} in its API; berth stores them without.
 *
 * @param value the name without a leading slash
 */
public record ContainerName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private static final List<String> ADJECTIVES = List.of(
            "agile", "amazing", "bold", "brave", "bright", "busy", "calm", "careful", "charming", "cheerful",
            "clever", "cool", "curious", "daring", "dazzling", "eager", "elated", "elegant", "epic", "fervent",
            "fond", "friendly", "gallant", "gentle", "gifted", "happy", "hardy", "helpful", "honest", "hopeful",
            "humble", "jolly", "keen", "kind", "lively", "loyal", "lucid", "merry", "mighty", "modest",
            "nimble", "noble", "patient", "peaceful", "plucky", "polite", "proud", "quick", "quiet", "radiant",
            "ready", "serene", "sharp", "shiny", "sincere", "steady", "sunny", "swift", "tender", "tidy",
            "trusty", "upbeat", "valiant", "vibrant", "vivid", "warm", "wise", "witty", "zealous", "zen");

    /** People who built the ground computing stands on. */
    private static final List<String> SURNAMES = List.of(
            "allen", "babbage", "backus", "bartik", "berners", "boole", "borg", "cerf", "church", "codd",
            "conway", "corbato", "cray", "dahl", "diffie", "dijkstra", "easley", "engelbart", "estrin", "feynman",
            "floyd", "goldberg", "goldwasser", "hamilton", "hartree", "hellman", "hoare", "holberton", "hopper",
            "huffman", "iverson", "jennings", "kahan", "kahn", "karp", "kay", "kernighan", "knuth", "lamport",
            "lamarr", "liskov", "lovelace", "mccarthy", "metcalfe", "minsky", "moore", "naur", "neumann",
            "newell", "nygaard", "perlis", "pike", "postel", "rabin", "ritchie", "rivest", "sammet", "shamir",
            "shannon", "shaw", "simon", "spencer", "stallman", "sutherland", "tarjan", "thompson", "torvalds",
            "turing", "valiant", "wilkes", "wirth", "wozniak", "yao", "zuse");

    public ContainerName {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a user-given name ({@code --name}); a leading {@code /} is accepted and dropped. */
    public static ContainerName parse(String text) throws InvalidInputException {
        String name = text.startsWith("/") ? text.substring(1) : text;
        if (!VALID.matcher(name).matches()) {
            throw new InvalidInputException("Invalid container name (" + text + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return new ContainerName(name);
    }

    /** A random {@code adjective_surname}; after a collision, callers add a digit as Docker does. */
    public static ContainerName generate(int attempt) {
        String name = ADJECTIVES.get(RandomBytes.below(ADJECTIVES.size())) + "_"
                + SURNAMES.get(RandomBytes.below(SURNAMES.size()));
        return new ContainerName(attempt == 0 ? name : name + RandomBytes.below(10));
    }

    @Override
    public String toString() {
        return value;
    }
}
