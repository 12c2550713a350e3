package dev.berth.cli.format;

/**
 * How Docker shortens values when {@code --no-trunc} is not given: IDs to 12 characters without their algorithm,
 * long text to a display width with an ellipsis, and {@code ps}'s {@code COMMAND} both shortened and quoted.
 */
public final class Truncation {

    /** The length of a short ID. */
    public static final int SHORT_ID = 12;

    /** The width {@code ps} cuts commands to. */
    public static final int COMMAND_WIDTH = 20;

    private Truncation() {
    }

    /** Docker's {@code TruncateID}: {@code sha256:0fd50f117b80...} becomes {@code 0fd50f117b80}. */
    public static String id(String id) {
        int colon = id.indexOf(':');
        if (colon >= 0) {
            id = id.substring(colon + 1);
        }
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }

    /**
     * Docker's {@code formatter.Ellipsis}: cuts {@code text} to {@code maxWidth} display columns, the last one an
     * ellipsis ({@code …}); wide East Asian characters take two columns. A width of 1 keeps the first character.
     */
    public static String ellipsis(String text, int maxWidth) {
        if (maxWidth <= 0) {
            return "";
        }
        if (text.isEmpty()) {
            return text;
        }
        if (maxWidth == 1) {
            return text.substring(0, Character.charCount(text.codePointAt(0)));
        }
        int[] runes = text.codePoints().toArray();
        if (GoText.byteLength(text) == runes.length) {
            return runes.length <= maxWidth ? text : text.substring(0, maxWidth - 1).concat("…");
        }
        int[] widths = new int[runes.length];
        int width = 0;
        for (int i = 0; i < runes.length; i++) {
            width += DisplayWidth.eastAsian(runes[i]);
            widths[i] = width;
        }
        if (width <= maxWidth) {
            return text;
        }
        for (int i = 0; i + 1 < runes.length; i++) {
            if (widths[i] <= maxWidth - 1 && widths[i + 1] > maxWidth - 1) {
                return new String(runes, 0, i + 1).concat("…");
            }
        }
        return text;
    }

    /**
     * {@code ps}'s {@code COMMAND} column: Go-quoted ({@code "sh -c 'sleep 1000'"}) and, when {@code truncate},
     * first cut to {@value #COMMAND_WIDTH} columns ({@code "sh -c 'sleep 100…"}).
     */
    public static String command(String command, boolean truncate) {
        return GoText.quote(truncate ? ellipsis(command, COMMAND_WIDTH) : command);
    }
}
