package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {

    @TempDir
    Path dir;

    @Test
    void storesDockersLayoutWithModeSixHundredKeepingOtherKeys() throws Exception {
        Path file = dir.resolve("conf/berth/auth.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"auths\":{\"other.example\":{\"auth\":\"eDp5\"}},\"credHelpers\":{\"a\":\"b\"}}");
        AuthFile auth = new AuthFile(file, List.of());
        auth.store("127.0.0.1:5000", new Credentials("user", "pass:word"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        var root = Json.read(Files.readAllBytes(file));
        assertEquals("dXNlcjpwYXNzOndvcmQ=", root.path("auths").path("127.0.0.1:5000").path("auth").asText());
        assertEquals("eDp5", root.path("auths").path("other.example").path("auth").asText());
        assertEquals("b", root.path("credHelpers").path("a").asText());
        assertEquals(Optional.of(new Credentials("user", "pass:word")), auth.find("127.0.0.1:5000"));
        assertEquals(Optional.of(new Credentials("x", "y")), auth.find("other.example"));
    }

    @Test
    void aNewFileAndItsDirectoryAreCreatedPrivate() throws Exception {
        Path file = dir.resolve("new/berth/auth.json");
        new AuthFile(file, List.of()).store("r.example", new Credentials("u", "p"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void dockerHubGoesUnderDockersKeyAndIsFoundByAnyOfItsNames() throws Exception {
        Path file = dir.resolve("auth.json");
        AuthFile auth = new AuthFile(file, List.of());
        auth.store("index.docker.io", new Credentials("u", "p"));
        assertTrue(Files.readString(file).contains("\"https://index.docker.io/v1/\""));
        for (String name : List.of("docker.io", "index.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/")) {
            assertEquals(Optional.of(new Credentials("u", "p")), auth.find(name), name);
        }
        auth.store("docker.io", new Credentials("u2", "p2"));
        assertEquals(1, Json.read(Files.readAllBytes(file)).path("auths").size(), "one entry per registry");
        assertTrue(auth.remove("registry-1.docker.io"));
        assertEquals(Optional.empty(), auth.find("docker.io"));
        assertFalse(auth.remove("docker.io"));
    }

    @Test
    void dockersOwnFileIsReadWhenBerthsHasNothing() throws Exception {
        Path docker = Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"https://r.example:5000/v2/\":{\"username\":\"d\",\"password\":\"q\"}}}");
        AuthFile auth = new AuthFile(dir.resolve("berth.json"), List.of(docker));
        assertEquals(Optional.of(new Credentials("d", "q")), auth.find("r.example:5000"));
        auth.store("r.example:5000", new Credentials("b", "c"));
        assertEquals(Optional.of(new Credentials("b", "c")), auth.find("r.example:5000"));
        assertFalse(Files.readString(docker).contains("\"b\""), "Docker's file is never written");
    }

    @Test
    void locationFromTheEnvironment() {
        assertEquals(Path.of("/x/a.json"), AuthFile.fromEnvironment(Map.of(AuthFile.VARIABLE, "/x/a.json",
                "HOME", "/home/u")).path());
        assertEquals(Path.of("/cfg/berth/auth.json"), AuthFile.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg",
                "HOME", "/home/u")).path());
        assertEquals(Path.of("/home/u/.config/berth/auth.json"), AuthFile.fromEnvironment(Map.of("HOME", "/home/u")).path());
    }

    @Test
    void registryNamesAsLoginTakesThem() {
        assertEquals("docker.io", AuthFile.registryOf("https://index.docker.io/v1/"));
        assertEquals("localhost:5000", AuthFile.registryOf("http://LOCALHOST:5000/v2/"));
        assertEquals("r.example", AuthFile.registryOf("r.example"));
        assertEquals("https://index.docker.io/v1/", AuthFile.keyOf("docker.io"));
        assertEquals("r.example:1", AuthFile.keyOf("r.example:1"));
    }

    @Test
    void aDamagedFileIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("auth.json"), "[1,2]");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AuthFile(file, List.of()).find("x"));
        assertEquals("the credentials file " + file + " is not a JSON object; fix it or remove it and log in again",
                e.getMessage());
        Files.writeString(file, "{\"auths\":{\"x\":{\"auth\":\"!!!\"}}}");
        assertThrows(InvalidInputException.class, () -> new AuthFile(file, List.of()).find("x"));
    }
}
