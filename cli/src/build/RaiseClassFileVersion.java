import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step: raises the class-file version of Java 5 class files in the given jars to Java 6 (50), in place.
 *
 * <p>Why: the JDK's class-data archive and AOT cache skip every class older than version 50, and every class
 * that implements one. javax.inject 1 is compiled for Java 5, and Dagger's factories implement its
 * {@code Provider}, so without this step none of berth's generated wiring can be cached and each run loads
 * and verifies it from the jars again. Only jars of interfaces and annotations are given to this step: they
 * have no method bodies, so version 50's stricter rules (stack map frames) have nothing to check.
 *
 * <p>Run with the JDK's single-file launcher: {@code java RaiseClassFileVersion.java JAR...}.
 */
public final class RaiseClassFileVersion {

    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        for (String jar : args) {
            raise(Path.of(jar));
        }
    }

    private static void raise(Path jar) throws IOException {
        Path raised = jar.resolveSibling(jar.getFileName() + ".tmp");
        int changed;
        try {
            changed = copyRaised(jar, raised);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(raised);
            throw e;
        }
        if (changed == 0) {
            Files.delete(raised);
        } else {
            Files.move(raised, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println(jar.getFileName() + ": " + changed + " class files raised to version " + JAVA_6);
    }

    private static int copyRaised(Path jar, Path raised) throws IOException {
        int changed = 0;
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(raised))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && major(bytes) < JAVA_6) {
                    if (hasCode(entry.getName(), bytes)) {
                        throw new IOException(jar + ": " + entry.getName() + " has method bodies; only interface jars may be raised");
                    }
                    bytes[6] = 0;
                    bytes[7] = JAVA_6;
                    changed++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return changed;
    }

    private static int major(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    /** Whether the class file holds a {@code Code} attribute, found by its name in the constant pool. */
    private static boolean hasCode(String name, byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return text.contains("\u0000\u0004Code");
    }
}
