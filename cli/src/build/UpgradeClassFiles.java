import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step: rewrites the class files older than Java 8 in the given jars, in place, as Java 8 class files
 * with the stack map frames that version requires (computed by ASM).
 *
 * <p>Why: the JDK's AOT cache and class-data archive skip every class the JVM verifies with its old,
 * inferencing verifier (class files before version 50, and those of version 50 without frames), and every
 * class that implements one. picocli is compiled for Java 5 and 6 without frames, so the classes that parse
 * every berth command were loaded from the jar and verified again on each run (some 50 ms of
 * {@code berth version} here); javax.inject 1 is compiled for Java 5, and Dagger's factories implement its
 * {@code Provider}, so none of berth's generated wiring could be cached either. The instructions stay as
 * they are: only the version changes, and the frames that describe the instructions are added.
 *
 * <p>Run with the JDK's single-file launcher: {@code java -cp asm.jar UpgradeClassFiles.java JAR...}.
 */
public final class UpgradeClassFiles {

    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        for (String jar : args) {
            upgrade(Path.of(jar));
        }
    }

    private static void upgrade(Path jar) throws IOException {
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".tmp");
        int changed;
        try {
            changed = copyUpgraded(jar, upgraded);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upgraded);
            throw e;
        }
        if (changed == 0) {
            Files.delete(upgraded); // Upgraded by an earlier build.
        } else {
            Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println(jar.getFileName() + ": " + changed + " class files rewritten for Java 8, with frames");
        }
    }

    private static int copyUpgraded(Path jar, Path upgraded) throws IOException {
        int changed = 0;
        // A frame names the common super class of two types: ASM loads them from the jar itself and the JDK.
        try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(upgraded))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && major(bytes) < JAVA_8) {
                    bytes = withFrames(bytes, types);
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

    private static byte[] withFrames(byte[] classFile, ClassLoader types) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return types;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    private static int major(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }
}
