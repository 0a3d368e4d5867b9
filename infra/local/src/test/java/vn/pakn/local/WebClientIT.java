package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web client (web/, docs/web-client.md) as people use it, in headless Chromium against one
 * local runtime: a citizen reports with a photo and tracks it, an agency signs in, acknowledges,
 * publishes the photo and resolves, the citizen rates, and the public dashboard's figures change;
 * then every page on a 360 px phone and by keyboard alone. Screenshots of each step go to
 * target/e2e-screenshots (CI keeps them). Without Chromium the browser tests are skipped, unless
 * PAKN_REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
@ExtendWith(SharedLocalRuntime.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("pakn.e2e.screenshots", "target/e2e-screenshots"));
    private static final Path PHOTO = Path.of(System.getProperty("pakn.root", "../..")).resolve("infra/seed/samples/pothole.jpg");
    /** The Kinh Bắc ward's centre: the nearest area to this position is 24-kinh-bac. */
    private static final double LAT = 21.18614;
    private static final double LON = 106.07633;

    private static LocalRuntime runtime;
    private static Chromium browser;
    private static String browserMissing;
    /** The report the flow made, which the phone test looks at again. */
    private static String trackingCode;

    private Chromium.Page page;
    private int shots;
    private String prefix;

    @BeforeAll
    static void start(LocalRuntime shared) throws Exception {
        runtime = shared;
        Optional<Path> chromium = Chromium.executable();
        if (chromium.isEmpty()) {
            browserMissing = "No Chromium at /usr/bin/chromium or $PAKN_CHROMIUM (apt-get install chromium):"
                    + " the browser tests are skipped";
            if ("1".equals(System.getenv("PAKN_REQUIRE_BROWSER"))) {
                fail(browserMissing);
            }
            System.err.println(browserMissing);
            return;
        }
        browser = Chromium.launch(chromium.get());
        browser.grantGeolocation(origin());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void openPage(TestInfo test, String shotPrefix) {
        assumeTrue(browser != null, browserMissing);
        page = browser.newPage();
        prefix = shotPrefix;
        shots = 0;
    }

    @AfterEach
    void closePage(TestInfo test) {
        if (page != null) {
            try {
                shot("last");
            } catch (RuntimeException e) {
                // the page may be gone
            }
            page.close();
            page = null;
        }
    }

    // ---------------------------------------------------------------- serving (no browser needed)

    @Test
    @Order(1)
    void webClient_isServedAtTheRoot_besideTheApi_withItsConfigAndSecurityHeaders() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("content-type").orElse(""));
        assertTrue(index.body().contains("<script type=\"module\" src=\"js/app.js\">"), index.body());
        String policy = index.headers().firstValue("content-security-policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && policy.contains(runtime.services().s3Endpoint().getPort() + ""),
                "uploads and photo links go to the S3 endpoint: " + policy);

        HttpResponse<String> config = get("/config.js");
        assertTrue(config.body().contains("\"apiBase\": \"\"") && config.body().contains(LocalSignIn.PATH), config.body());
        assertEquals("text/javascript; charset=utf-8", get("/js/app.js").headers().firstValue("content-type").orElse(""));
        assertEquals(200, get("/v1/categories").statusCode(), "the API keeps its routes");
        for (String outside : List.of("/../template.yaml", "/%2e%2e/template.yaml", "/js/../../template.yaml",
                "/.git/config", "/js%2f..%2f..%2ftemplate.yaml")) {
            HttpResponse<String> refused = get(outside);
            assertEquals(404, refused.statusCode(), outside);
            assertFalse(refused.body().contains("AWSTemplateFormatVersion"), outside);
        }
        assertEquals(runtime.apiBaseUri() + "/", runtime.webUri().toString());
        assertTrue(StartupSummary.webClient(runtime).contains(runtime.webUri() + "#/agency"));
    }

    @Test
    @Order(2)
    void localSignIn_givesATokenTheApiAccepts_toThisRuntimesOwnPagesOnly() throws Exception {
        HttpResponse<String> signedIn = signIn(origin(), "{\"agency\": \"bn-ubnd-kinh-bac\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        JsonNode answer = JSON.readTree(signedIn.body());
        assertEquals("bn-ubnd-kinh-bac", answer.at("/agency/id").asText());
        assertFalse(answer.at("/agency/name").asText().isBlank());
        assertEquals("no-store", signedIn.headers().firstValue("cache-control").orElse(""));
        assertTrue(signedIn.headers().firstValue("access-control-allow-origin").isEmpty(), "no CORS: other sites cannot read it");
        HttpResponse<String> inbox = HTTP.send(HttpRequest.newBuilder(URI.create(origin() + "/v1/agency/complaints"))
                .header("authorization", "Bearer " + answer.get("token").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, inbox.statusCode(), inbox.body());

        assertEquals(403, signIn("https://evil.example", "{\"agency\": \"bn-ubnd-kinh-bac\"}").statusCode());
        HttpResponse<String> unknown = signIn(origin(), "{\"agency\": \"bn-nobody\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("agency", JSON.readTree(unknown.body()).at("/error/field").asText());
    }

    // ---------------------------------------------------------------- the whole story in the browser

    @Test
    @Order(3)
    void citizenReportsWithAPhoto_agencyAcknowledgesAndResolves_citizenRates_dashboardFiguresChange(TestInfo test) {
        openPage(test, "flow");
        page.viewport(1280, 900, false);
        page.geolocation(LAT, LON, 20);

        // The public figures before.
        page.navigate(origin() + "/#/dashboard");
        page.waitFor("document.querySelector('[data-metric=resolved] .figure')", "the key figures");
        int resolvedBefore = figure("resolved");
        int ratingsBefore = figure("ratings");
        shot("dashboard-before");

        // Report with a photo, the position from the browser.
        page.navigate(origin() + "/#/report");
        page.select("#report-category", "roads");
        page.type("#report-description", "Ổ gà lớn trước số 12 đường Nguyễn Trãi, xe máy dễ ngã");
        page.click("#locate");
        page.waitFor("document.querySelector('#report-area').value === '24-kinh-bac'", "the nearest area from the position");
        page.chooseFile("#choose-photo", PHOTO, "image/jpeg");
        page.waitFor("document.querySelector('#photo-list li[data-state=uploaded] progress').value === 100",
                "the photo uploaded");
        page.type("#report-name", "Nguyễn Văn A");
        page.type("#report-phone", "0912345678");
        shot("report-filled");
        page.click("#submit-report");
        page.waitFor("document.querySelector('#tracking-code')", "the receipt");
        trackingCode = page.text("document.querySelector('#tracking-code').textContent");
        assertEquals(page.text("document.querySelector('#citizen-secret').textContent"),
                page.text("JSON.parse(localStorage.getItem('pakn.citizen.' + " + Chromium.quote(trackingCode) + ")).secret"),
                "the secret is kept for rating later");
        assertEquals("H1", page.text("document.activeElement.tagName"), "focus moves to the receipt's heading");
        shot("receipt");

        // Track it: routed to an agency, the photo checked.
        page.click("#track-link");
        page.waitFor("document.querySelector('#track-status')", "the tracking view");
        waitAfterRefresh("#track-refresh", "document.querySelector('#track-status').dataset.status === 'ASSIGNED'"
                + " && document.querySelector('[data-photo-status=ACCEPTED]')", "routed, photo accepted");
        String agencyId = page.text("document.querySelector('[data-agency-id]').dataset.agencyId");
        assertTrue(page.text("document.querySelector('main').innerText").contains("Nguyễn Trãi"));
        assertFalse(page.text("document.querySelector('main').innerText").contains("Nguyễn Văn A"), "no reporter data");
        shot("tracked");

        // The agency signs in (local sign-in), finds it in its inbox and works it.
        signIn(agencyId);
        String row = "#inbox tr[data-code=\"" + trackingCode + "\"]";
        waitAfterRefresh("#inbox-refresh", "document.querySelector(" + Chromium.quote(row) + ")", "the report in the inbox");
        shot("inbox");
        String complaintId = page.text("document.querySelector(" + Chromium.quote(row) + ").dataset.id");
        page.click(row + " a");
        page.waitFor("document.querySelector('#detail-status')", "the complaint");
        assertTrue(page.text("document.querySelector('main').innerText").contains("0912345678"), "the agency sees the contact");
        shot("complaint");

        act("acknowledge", () -> { });
        assertEquals("ACKNOWLEDGED", page.text("document.querySelector('#detail-status').dataset.status"));
        act("resolve", () -> {
            page.click("#action-resolve button[type=submit]");
            page.waitFor("document.querySelector('#action-resolve textarea[name=response][aria-invalid=true]')",
                    "the API's error next to the empty response");
            assertTrue(page.text("document.getElementById(document.querySelector('#action-resolve textarea')"
                    + ".getAttribute('aria-describedby').split(' ')[0]).textContent").length() > 5);
            shot("resolve-error");
            page.type("#action-resolve textarea[name=response]", "Đã vá ổ gà và kẻ lại vạch sơn");
        });
        assertEquals("RESOLVED", page.text("document.querySelector('#detail-status').dataset.status"));
        act("publish-photos", () -> page.click("#action-publish-photos input[name=uploadIds]"));
        shot("resolved");

        // The citizen rates it on the track page (the secret from this browser).
        page.navigate(origin() + "/#/track/" + trackingCode);
        page.waitFor("document.querySelector('form.action-confirm')", "the rating form");
        page.click("form.action-confirm input[name=rating][value='5']");
        page.type("form.action-confirm textarea[name=comment]", "Cảm ơn, đường đã phẳng");
        shot("rating");
        page.click("form.action-confirm button[type=submit]");
        page.waitFor("document.querySelector('#track-status').dataset.status === 'CLOSED'", "closed with the rating");
        shot("rated");

        // The dashboard: one more resolved, one more rating, and the report with its photo in the feed.
        page.navigate(origin() + "/#/dashboard");
        page.waitFor("document.querySelector('[data-metric=resolved] .figure')", "the key figures");
        waitAfterRefresh("#dashboard-refresh", "Number(document.querySelector('[data-metric=resolved] .figure').dataset.figure) === "
                + (resolvedBefore + 1) + " && Number(document.querySelector('[data-metric=ratings] .figure').dataset.figure) === "
                + (ratingsBefore + 1) + " && document.querySelector('#feed li[data-id=\"" + complaintId + "\"] img')",
                "the new figures and the published photo");
        assertTrue(page.text("document.querySelector('#feed li[data-id=\"" + complaintId + "\"]').innerText")
                .contains("Đã vá ổ gà"), "the agency's answer is public");
        String photo = "document.querySelector('#feed li[data-id=\"" + complaintId + "\"] img')";
        page.evaluate(photo + ".scrollIntoView()"); // loaded lazily, when in view
        page.waitFor(photo + ".complete && " + photo + ".naturalWidth > 0", "the published photo loaded");
        shot("dashboard-after");
        assertNoProblems();
    }

    // ---------------------------------------------------------------- phones and keyboards

    @Test
    @Order(4)
    void everyPage_onA360PixelPhone_fitsWithoutSideways_andEveryControlHasAName(TestInfo test) {
        openPage(test, "phone");
        page.viewport(360, 740, true);
        List<String> pages = new ArrayList<>(List.of("report", "track", "dashboard", "agency"));
        if (trackingCode != null) {
            pages.add("track/" + trackingCode);
        }
        for (String route : pages) {
            page.navigate(origin() + "/#/" + route);
            page.waitFor("document.querySelector('main h1') && !document.querySelector('main').hasAttribute('aria-busy')",
                    route + " rendered");
            checkPhonePage(route);
        }
        // Signed in: the inbox, and an open complaint with every action form open.
        String id = submitNoiseComplaint().get("id").asText();
        signIn("bn-ubnd-kinh-bac");
        waitAfterRefresh("#inbox-refresh", "document.querySelector('#inbox tr[data-id=\"" + id + "\"]')", "the complaint");
        checkPhonePage("inbox");

        // Overdue complaints stand out in words, not only in colour. A deadline cannot pass during a
        // test, so the inbox's answer is made up here, in the API's shape.
        page.stub("*/v1/agency/complaints?*", OVERDUE_INBOX);
        page.click("#inbox-refresh");
        page.waitFor("document.querySelector('#inbox tr[data-code=\"LATE-0001\"]')", "the made-up inbox");
        assertEquals("overdue", page.text("document.querySelector('#inbox tr[data-code=\"LATE-0001\"]').className"));
        assertTrue(page.text("document.querySelector('#inbox tr[data-code=\"LATE-0001\"]').innerText").contains("Quá hạn"));
        assertFalse(page.text("document.querySelector('#inbox tr[data-code=\"SOON-0002\"]').innerText").contains("Quá hạn"));
        checkPhonePage("inbox-overdue");
        page.stub(null, null);
        page.click("#inbox-refresh");
        page.waitFor("document.querySelector('#inbox tr[data-id=\"" + id + "\"]')", "the real inbox again");
        page.click("#inbox tr[data-id=\"" + id + "\"] a");
        page.waitFor("document.querySelector('#action-transfer')", "the complaint's actions");
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)");
        checkPhonePage("complaint");
        assertNoProblems();
    }

    @Test
    @Order(5)
    void keyboardOnly_tabsToSubmit_seesErrorsNextToTheFields_andSendsTheReport(TestInfo test) {
        openPage(test, "keyboard");
        page.viewport(360, 740, true);
        page.navigate(origin() + "/#/report");
        page.waitFor("document.querySelector('#submit-report')", "the form");

        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 60 && !page.text("document.activeElement.id").equals("submit-report"); i++) {
            page.press("Tab", false);
            String focused = page.text("(() => { const e = document.activeElement; return e.tagName + '#' + e.id + ' '"
                    + " + getComputedStyle(e).outlineStyle; })()");
            visited.add(focused);
            assertFalse(focused.endsWith(" none"), "focus is visible on " + focused + " (after " + visited + ")");
        }
        assertEquals("submit-report", page.text("document.activeElement.id"), "Tab reaches the submit button: " + visited);
        assertTrue(visited.stream().anyMatch(v -> v.startsWith("SELECT#report-category")), visited.toString());

        // Enter on the empty form: the messages are next to their fields, focus on the first.
        page.press("Enter", false);
        page.waitFor("document.querySelector('#report-category[aria-invalid=true]')", "the category's error");
        assertEquals("report-category", page.text("document.activeElement.id"));
        for (String id : List.of("report-category", "report-description", "report-area")) {
            String error = page.text("document.getElementById(" + Chromium.quote(id) + ").getAttribute('aria-describedby')"
                    + ".split(' ')[0]");
            assertTrue(page.evaluate("document.getElementById(" + Chromium.quote(error) + ")"
                    + ".closest('.field').contains(document.getElementById(" + Chromium.quote(id) + "))").asBoolean(),
                    "the message of " + id + " is in its field");
        }
        shot("errors");

        // Keyboard only: choose with the arrow keys, type, and an error from the API next to the phone.
        page.press("ArrowDown", false); // the first category (needs no photo)
        page.press("Tab", false);
        page.send("Input.insertText", Chromium.params().put("text", "Tiếng ồn karaoke sau 23 giờ"));
        page.press("Tab", false);
        page.press("ArrowDown", false); // the first area
        page.press("ArrowDown", false);
        assertEquals("report-area", page.text("document.activeElement.id"));
        for (int i = 0; i < 20 && !page.text("document.activeElement.id").equals("report-phone"); i++) {
            page.press("Tab", false);
        }
        page.send("Input.insertText", Chromium.params().put("text", "12ab"));
        page.press("Enter", false);
        page.waitFor("document.querySelector('#report-phone[aria-invalid=true]')", "the API's phone error");
        assertEquals("report-phone", page.text("document.activeElement.id"));
        assertTrue(page.text("document.querySelector('#report-phone').closest('.field').innerText")
                .contains("Số điện thoại không hợp lệ"), "the API's message in Vietnamese next to the phone");
        shot("api-error");
        page.evaluate("document.querySelector('#report-phone').select()");
        page.send("Input.insertText", Chromium.params().put("text", "0987654321"));
        page.press("Enter", false);
        page.waitFor("document.querySelector('#tracking-code')", "the receipt");
        assertEquals("H1", page.text("document.activeElement.tagName"));
        shot("receipt");
        assertNoProblems();
    }

    @Test
    @Order(6)
    void languageSwitch_showsEnglish_keepsWhatWasTyped_andIsRememberedAfterAReload(TestInfo test) {
        openPage(test, "language");
        page.viewport(1024, 800, false);
        page.navigate(origin() + "/#/report");
        page.waitFor("document.querySelector('#report-description')", "the form");
        assertEquals("vi", page.text("document.documentElement.lang"));
        assertEquals("", page.text("import('/js/i18n.js').then(m => { const vi = Object.keys(m.DICTIONARY.vi);"
                + " const en = Object.keys(m.DICTIONARY.en); return vi.filter(k => !en.includes(k))"
                + ".concat(en.filter(k => !vi.includes(k))).join(', '); })"), "every text in both languages");
        page.type("#report-description", "Đèn đường hỏng");
        page.click("#lang-switch");
        page.waitFor("document.documentElement.lang === 'en'", "English");
        assertEquals("Report a problem", page.text("document.querySelector('main h1').textContent"));
        assertEquals("Đèn đường hỏng", page.text("document.querySelector('#report-description').value"));
        assertTrue(page.text("document.querySelector('#report-category').options[1].textContent")
                .matches("[A-Za-z ,]+"), "category names from the API in English");
        shot("english");
        page.navigate(origin() + "/#/dashboard");
        page.evaluate("location.reload()");
        page.waitFor("document.querySelector('main h1') && document.querySelector('main h1').textContent === 'Open statistics'",
                "English after a reload");
        assertEquals("en", page.text("document.documentElement.lang"));
        page.click("#lang-switch");
        page.waitFor("document.documentElement.lang === 'vi'", "back to Vietnamese");
        assertEquals("Thống kê công khai", page.text("document.querySelector('main h1').textContent"));
        assertNoProblems();
    }

    @Test
    @Order(7)
    void agencyAsksForInformation_citizenAnswersOnAnotherDevice_withTheSecretTypedIn(TestInfo test) {
        openPage(test, "info");
        page.viewport(1024, 800, false);
        JsonNode receipt = submitNoiseComplaint();
        String code = receipt.get("trackingCode").asText();
        signIn("bn-ubnd-kinh-bac");
        openFromInbox(receipt.get("id").asText());
        act("acknowledge", () -> { });
        act("request-info", () -> page.type("#action-request-info textarea[name=question]", "Quán ở số nhà nào?"));
        assertEquals("NEEDS_INFO", page.text("document.querySelector('#detail-status').dataset.status"));

        // This browser never kept the secret: the form asks for it, and a wrong one is refused next to it.
        page.navigate(origin() + "/#/track/" + code);
        page.waitFor("document.querySelector('form.action-info')", "the answer form");
        assertTrue(page.text("document.querySelector('form.action-info').innerText").contains("Quán ở số nhà nào?"));
        page.type("form.action-info textarea[name=answer]", "Số 25 phố Nguyễn Du");
        page.type("form.action-info input[name=secret]", "not-the-secret");
        page.click("form.action-info button[type=submit]");
        page.waitFor("document.querySelector('form.action-info input[name=secret][aria-invalid=true]')",
                "the refusal next to the secret");
        assertTrue(page.text("document.querySelector('form.action-info input[name=secret]').closest('.field').innerText")
                .contains("không đúng"), "the API's message");
        shot("wrong-secret");
        page.type("form.action-info input[name=secret]", receipt.get("citizenSecret").asText());
        page.click("form.action-info button[type=submit]");
        page.waitFor("document.querySelector('#track-status').dataset.status === 'ACKNOWLEDGED'", "back with the agency");
        assertEquals(receipt.get("citizenSecret").asText(), page.text("JSON.parse(localStorage.getItem('pakn.citizen.' + "
                + Chromium.quote(code) + ")).secret"), "a secret that worked is kept");
        shot("answered");
        assertNoProblems();
    }

    // ---------------------------------------------------------------- helpers

    /** Opens an action of the complaint, lets {@code fill} fill it, sends it and waits for the page to say it was done. */
    private void act(String action, Runnable fill) {
        page.click("#action-" + action + " > summary");
        fill.run();
        page.click("#action-" + action + " button[type=submit]");
        page.waitFor("document.querySelector('#action-done')", action + " done");
        page.evaluate("document.querySelector('#action-done').remove()");
    }

    /** Clicks the page's Refresh button until the condition holds (the system works asynchronously). */
    private void waitAfterRefresh(String refresh, String condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!page.poll(condition, Duration.ofSeconds(1))) {
            if (System.nanoTime() > deadline) {
                page.waitFor(condition, what, Duration.ZERO);
            }
            page.click(refresh);
        }
    }

    private int figure(String metric) {
        return page.evaluate("Number(document.querySelector('[data-metric=" + metric + "] .figure').dataset.figure)").asInt();
    }

    private void checkPhonePage(String route) {
        JsonNode width = page.evaluate("({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})");
        assertTrue(width.get("scroll").asInt() <= width.get("client").asInt(),
                route + " scrolls sideways at 360 px: " + width + " widest: " + page.text(WIDEST));
        shot(route.replace('/', '-'));
        assertEquals("", page.text(UNTRANSLATED), route + ": texts whose key is not in the dictionary");
        List<String> unnamed = new ArrayList<>();
        for (JsonNode node : page.accessibilityTree()) {
            String role = node.at("/role/value").asText();
            if (!node.path("ignored").asBoolean() && CONTROLS.contains(role) && node.at("/name/value").asText().isBlank()) {
                unnamed.add(role + " (DOM node " + node.path("backendDOMNodeId").asText() + ")");
            }
        }
        assertTrue(unnamed.isEmpty(), route + ": controls without an accessible name: " + unnamed + "\n"
                + page.text(UNNAMED));
    }

    private static final String OVERDUE_INBOX = """
            {"items": [
              {"id": "01LATE", "trackingCode": "LATE-0001", "status": "ACKNOWLEDGED", "category": "roads",
               "area": "24-kinh-bac", "dueAt": "2026-01-05T10:00:00Z", "acknowledgeBy": "2026-01-02T03:00:00Z",
               "overdue": true, "receivedAt": "2026-01-01T02:00:00Z"},
              {"id": "02SOON", "trackingCode": "SOON-0002", "status": "ASSIGNED", "category": "noise",
               "area": "24-kinh-bac", "dueAt": "2099-01-05T10:00:00Z", "acknowledgeBy": "2099-01-02T03:00:00Z",
               "overdue": false, "receivedAt": "2026-01-01T02:00:00Z"}],
             "nextCursor": null}""";
    private static final String UNTRANSLATED = "import('/js/i18n.js').then(m => [...document.querySelectorAll('[data-i18n]')]"
            + ".map(e => e.dataset.i18n).filter(k => !(k in m.DICTIONARY.vi)).join(', '))";
    private static final Set<String> CONTROLS = Set.of("textbox", "combobox", "listbox", "checkbox", "radio", "button",
            "link", "spinbutton", "searchbox", "slider", "switch", "progressbar", "img", "tab", "menuitem");
    private static final String WIDEST = "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            + " > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"
            + ".join(', ')";
    private static final String UNNAMED = "[...document.querySelectorAll('input,select,textarea,button,a')].filter(e =>"
            + " !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')"
            + " && !e.textContent.trim()).map(e => e.outerHTML.slice(0, 120)).join('\\n')";

    private void assertNoProblems() {
        List<String> problems = page.problems.stream()
                // A 4xx the page handles (a refused sign-in, the API's validation) is logged by the browser too.
                .filter(p -> !p.contains("Failed to load resource")).toList();
        assertTrue(problems.isEmpty(), "script errors or blocked content (CSP): " + problems);
    }

    private void shot(String name) {
        page.screenshot(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", prefix, ++shots, name)));
    }

    private static String origin() {
        return runtime.apiBaseUri().toString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The console's local sign-in, as an officer of the agency; waits for the inbox. */
    private void signIn(String agencyId) {
        page.navigate(origin() + "/#/agency");
        page.select("#local-sign-in select[name=agency]", agencyId);
        page.click("#local-sign-in button[type=submit]");
        page.waitFor("document.querySelector('#inbox-refresh')", "the inbox");
    }

    /** Opens a complaint from the inbox once it is there (the inbox is read from an index). */
    private void openFromInbox(String id) {
        String row = "#inbox tr[data-id=\"" + id + "\"]";
        waitAfterRefresh("#inbox-refresh", "document.querySelector(" + Chromium.quote(row) + ")", "the complaint in the inbox");
        page.click(row + " a");
        page.waitFor("document.querySelector('#detail-status')", "the complaint");
    }

    /** A report through the API, as another citizen's: noise in Kinh Bắc goes to bn-ubnd-kinh-bac. */
    private static JsonNode submitNoiseComplaint() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(origin() + "/v1/complaints"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"category\": \"noise\", \"description\": \"Karaoke sau 23 giờ\", \"areaCode\": \"24-kinh-bac\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> signIn(String origin, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + LocalSignIn.PATH))
                .header("content-type", "application/json").header("origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static {
        // Keep the directory of a previous run's screenshots from mixing with this run's.
        try {
            if (Files.isDirectory(SCREENSHOTS)) {
                try (var files = Files.list(SCREENSHOTS)) {
                    files.forEach(f -> f.toFile().delete());
                }
            }
        } catch (java.io.IOException e) {
            // stale screenshots at worst
        }
    }
}
