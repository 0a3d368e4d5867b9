package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.HttpApiResponse;

/** The web client's files from a checkout: what is served, and what never is. */
class WebClientFilesTest {

    @TempDir
    Path checkout;

    private WebClientFiles files(String signIn) throws Exception {
        Files.writeString(checkout.resolve("template.yaml"), "Resources: {}\n");
        Files.createDirectories(checkout.resolve("web/js"));
        Files.writeString(checkout.resolve("web/index.html"), "<!doctype html><title>pakn</title>");
        Files.writeString(checkout.resolve("web/js/app.js"), "export {};");
        Files.writeString(checkout.resolve("web/config.js"), "window.PAKN_CONFIG = {\"apiBase\": \"https://elsewhere\"};");
        Files.createDirectories(checkout.resolve("web/.secret"));
        Files.writeString(checkout.resolve("web/.secret/x.js"), "hidden");
        Files.writeString(checkout.resolve("secret.txt"), "outside");
        return WebClientFiles.locate(SamTemplate.load(checkout.resolve("template.yaml")), signIn,
                URI.create("http://127.0.0.1:4567"));
    }

    @Test
    void rootAndFiles_areServedWithTheirTypes_andEditsShowAtOnce() throws Exception {
        WebClientFiles web = files(LocalSignIn.PATH);
        HttpApiResponse index = web.apply("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.header("content-type"));
        assertEquals("no-cache", index.header("cache-control"));
        assertTrue(index.header("content-security-policy").contains("connect-src 'self' http://127.0.0.1:4567"));
        assertEquals("text/javascript; charset=utf-8", web.apply("/js/app.js").header("content-type"));
        Files.writeString(checkout.resolve("web/js/app.js"), "export const edited = true;");
        assertEquals("export const edited = true;", web.apply("/js/app.js").bodyText());
    }

    @Test
    void configJs_isTheRuntimesOwn_sameOriginWithTheLocalSignIn() throws Exception {
        assertEquals(WebClientFiles.config(LocalSignIn.PATH), files(LocalSignIn.PATH).apply("/config.js").bodyText());
        assertTrue(WebClientFiles.config(LocalSignIn.PATH).contains("\"apiBase\": \"\", \"localSignIn\": \"/.local-auth/dev-token\""));
        assertTrue(!files(null).apply("/config.js").bodyText().contains("localSignIn"), "no sign-in without an authorizer");
    }

    @Test
    void pathsOutsideTheClient_hiddenFiles_andMissingOnes_areNotFound() throws Exception {
        WebClientFiles web = files(null);
        for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/js/../../secret.txt",
                "/.secret/x.js", "/js//app.js", "/missing.js", "/js/", "/%zz"}) {
            assertEquals(404, web.apply(path).statusCode(), path);
        }
    }
}
