package dev.berth.cli.processor;

import java.util.Collection;
import javax.lang.model.element.TypeElement;

/**
 * The source of the index: {@code create(type, factory)} makes a command of {@code type} with {@code factory} and
 * returns its generated model, so that callers name commands by class, as they would to picocli.
 */
final class IndexSource {

    private static final String PICOCLI = "picocli.CommandLine";

    private final String packageName;
    private final String simpleName;
    private final Collection<TypeElement> commands;

    IndexSource(String qualifiedName, Collection<TypeElement> commands) {
        int dot = qualifiedName.lastIndexOf('.');
        this.packageName = dot < 0 ? "" : qualifiedName.substring(0, dot);
        this.simpleName = qualifiedName.substring(dot + 1);
        this.commands = commands;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        out.append("/** The generated picocli model of every command, by the command's class. */\n")
                .append("@javax.annotation.processing.Generated(\"").append(CommandSpecProcessor.class.getName())
                .append("\")\n")
                .append("public final class ").append(simpleName).append(" {\n\n")
                .append("    private ").append(simpleName).append("() {\n    }\n\n")
                .append("    /** The model of a new command of {@code type}, made by {@code factory}. */\n")
                .append("    public static ").append(PICOCLI).append(".Model.CommandSpec create(Class<?> type, ")
                .append(PICOCLI).append(".IFactory factory) {\n")
                .append("        try {\n");
        for (TypeElement command : commands) {
            String name = command.getQualifiedName().toString();
            out.append("            if (type == ").append(name).append(".class) {\n")
                    .append("                return ").append(ModelSource.modelClassName(command)).append(".of(factory.create(")
                    .append(name).append(".class), factory);\n")
                    .append("            }\n");
        }
        out.append("        } catch (").append(PICOCLI).append(".InitializationException e) {\n")
                .append("            throw e;\n")
                .append("        } catch (Exception e) {\n")
                .append("            throw new ").append(PICOCLI)
                .append(".InitializationException(\"cannot create the command \" + type.getName() + \": \" + e, e);\n")
                .append("        }\n")
                .append("        throw new IllegalArgumentException(type.getName() + \" has no generated model: is it annotated"
                        + " with @Command?\");\n")
                .append("    }\n}\n");
        return out.toString();
    }
}
