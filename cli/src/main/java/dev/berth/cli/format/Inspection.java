package dev.berth.cli.format;

import java.util.List;

/**
 * {@code inspect}'s output: the objects as one indented JSON array, as {@code docker inspect} prints them, or
 * {@code --format}'s template once per object.
 */
public final class Inspection {

    private Inspection() {
    }

    /**
     * @param objects the inspected objects as template values (maps, lists, strings, numbers, booleans)
     * @param format  the {@code --format} template, or empty for JSON
     */
    public static String render(List<?> objects, String format) throws TemplateException {
        if (format == null || format.isEmpty()) {
            return GoJson.indented(objects) + "\n";
        }
        GoTemplate template = GoTemplate.parse(format);
        StringBuilder out = new StringBuilder();
        for (Object object : objects) {
            template.execute(object, out);
            out.append('\n');
        }
        return out.toString();
    }
}
