package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.model.Json;
import dev.berth.core.testing.Fixtures;
import dev.berth.core.testing.LocalRegistry;
import dev.berth.core.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login and logout against registries that want credentials; pull and push use what login stored. */
class LoginIT {

    static final String USER = "berth";
    static final String PASSWORD = "pa55 word";
    static final String BB2 = "docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:2";

    @TempDir
    Path dir;

    @Test
    void loginStoresVerifiedCredentialsThatPullAndPushUseUntilLogout() throws Exception {
        try (LocalRegistry registry = LocalRegistry.withHtpasswd(dir.resolve("registry"), USER, PASSWORD)) {
            registry.copyIn(BB2, "ns/bb:2", USER + ":" + PASSWORD);
            String host = registry.address();
            BerthHome berth = new BerthHome(dir.resolve("home"));

            CliRun anonymous = berth.run("pull", host + "/ns/bb:2");
            assertEquals(1, anonymous.code(), anonymous.toString());
            assertEquals("Error: " + host + " refused access without credentials: unauthorized: authentication "
                    + "required; log in with 'berth login " + host + "'\n", anonymous.err());

            CliRun wrong = berth.runWithInput("nope\n".getBytes(StandardCharsets.UTF_8), "login", "-u", USER,
                    "--password-stdin", host);
            assertEquals(1, wrong.code(), wrong.toString());
            assertEquals("Error: " + host + " refused the credentials of berth: unauthorized: authentication required; "
                    + "check them with 'berth login " + host + "'\n", wrong.err());
            assertFalse(Files.exists(berth.authFile()), "nothing stored after a failed login");

            CliRun login = berth.runWithInput((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8), "login", "-u", USER,
                    "--password-stdin", "http://" + host + "/v2/");
            assertEquals(0, login.code(), login.toString());
            assertEquals("Login Succeeded\n", login.out());
            assertEquals("WARNING! Your credentials are stored unencrypted in '" + berth.authFile() + "'.\n", login.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(berth.authFile())));
            assertEquals(Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    Json.read(Files.readAllBytes(berth.authFile())).path("auths").path(host).path("auth").asText());

            CliRun pull = berth.run("pull", "-q", host + "/ns/bb:2");
            assertEquals(0, pull.code(), pull.toString());
            assertEquals(0, berth.run("tag", host + "/ns/bb:2", host + "/ns/again:1").code());
            CliRun push = berth.run("push", host + "/ns/again:1");
            assertEquals(0, push.code(), push.toString());
            assertTrue(push.out().contains("Mounted from ns/bb"), push.out());

            CliRun logout = berth.run("logout", host);
            assertEquals("Removing login credentials for " + host + "\n", logout.out());
            assertEquals("Not logged in to " + host + "\n", berth.run("logout", host).out());
            assertEquals(1, berth.run("pull", host + "/ns/bb:2").code());
        }
    }

    @Test
    void loginToATokenRegistryAndThePasswordFlagWarns() throws Exception {
        try (TokenServer tokens = TokenServer.start(dir.resolve("tokens")).withUser(USER, PASSWORD);
             LocalRegistry registry = LocalRegistry.withTokens(dir.resolve("registry"), tokens)) {
            String host = registry.address();
            BerthHome berth = new BerthHome(dir.resolve("home"));
            assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-docker-save.tar").toString()).code());
            assertEquals(0, berth.run("tag", "bb:1", host + "/mine/bb:1").code());
            CliRun denied = berth.run("push", host + "/mine/bb:1");
            assertEquals(1, denied.code(), denied.toString());
            assertTrue(denied.err().startsWith("Error: push access to " + host + "/mine/bb denied: "), denied.err());

            CliRun login = berth.run("login", "-u", USER, "-p", PASSWORD, host);
            assertEquals(0, login.code(), login.toString());
            assertTrue(login.err().startsWith("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"),
                    login.err());
            CliRun push = berth.run("push", host + "/mine/bb:1");
            assertEquals(0, push.code(), push.toString());
            assertTrue(push.out().contains("a9389c5b10ab: Pushed\n"), push.out());
        }
    }

    @Test
    void loginWithoutATerminalNeedsTheCredentialsAsFlags() {
        BerthHome berth = new BerthHome(dir.resolve("home"));
        CliRun run = berth.run("login", "127.0.0.1:1");
        assertEquals(1, run.code(), run.toString());
        assertEquals("Error: Cannot perform an interactive login from a non TTY device\n", run.err());
        CliRun both = berth.run("login", "-u", "a", "-p", "b", "--password-stdin", "127.0.0.1:1");
        assertEquals("Error: --password and --password-stdin are mutually exclusive\n", both.err());
        CliRun noUser = berth.run("login", "--password-stdin", "127.0.0.1:1");
        assertEquals("Error: Must provide --username with --password-stdin\n", noUser.err());
        CliRun unreachable = berth.run("login", "-u", "a", "-p", "b", "127.0.0.1:1");
        assertEquals(1, unreachable.code());
        assertTrue(unreachable.err().endsWith("Error: cannot reach the registry 127.0.0.1:1 (http://127.0.0.1:1): "
                + "connection refused\n"), unreachable.err());
    }
}
