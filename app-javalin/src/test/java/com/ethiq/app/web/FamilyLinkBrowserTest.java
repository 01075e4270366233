package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ethiq.app.sim.CallScript;
import com.ethiq.app.sim.CallSimulator;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.RecordingCallControl;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The family page in a real headless Chromium emulating a 390x844 phone: a simulated scam call (real webhook and media
 * WebSocket) makes the recording telephony send the alert SMS; its link opens the live page; "I'm on it", "Join" and
 * "End" (after its confirmation) each reach the telephony once; the page follows the call to its end; an unknown link
 * shows the expiry page. Screenshots go to {@code target/screenshots/family-*.png}. Skipped without Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FamilyLinkBrowserTest {
    private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/f/[A-Za-z0-9_-]{22})");
    static DashboardNode node;
    static WebDriver browser;
    static Path profile;
    static ScheduledExecutorService ticks;
    static CompletableFuture<CallSimulator.Outcome> call;
    static String link;
    static EmergencyContact recipient;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(DashboardBrowser.CHROMIUM.canExecute() && DashboardBrowser.DRIVER.canExecute(),
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
        node = new DashboardNode(Duration.ofMillis(120));
        var tenants = node.app.assembly().adapters().tenants();
        Tenant t = tenants.findById(node.demo.id()).orElseThrow();
        tenants.updateSettings(t.id(), t.settings().withProtectedPhone(PhoneNumber.of("+33612345678")));
        profile = Files.createTempDirectory("ethiq-chromium-family-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(DashboardBrowser.CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=390,844", "--lang=fr-FR", "--user-data-dir=" + profile);
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124 Mobile Safari/537.36"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DashboardBrowser.DRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        ticks = Executors.newScheduledThreadPool(2);
        Files.createDirectories(DashboardBrowser.SHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (ticks != null) {
            ticks.shutdownNow();
        }
        if (node != null) {
            node.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void shot(String name) throws IOException {
        Files.write(DashboardBrowser.SHOTS.resolve("family-" + name + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void theAlertSmsCarriesALinkThatOpensTheLiveCallOnAPhone() throws Exception {
        CallScript scam = CallScript.bundled().stream().filter(s -> s.id().equals("faux-conseiller")).findFirst().orElseThrow();
        // a long tail keeps the call live while the relative acts
        call = CompletableFuture.supplyAsync(() -> new CallSimulator(node.target(), HttpClient.newHttpClient(), ticks,
                new CallSimulator.Pacing(Duration.ofMillis(300), Duration.ofSeconds(25), Duration.ofSeconds(8))).run(scam));
        RecordingCallControl.Sms sms = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sms == null && System.nanoTime() < deadline) {
            sms = node.telephony.smsSent().stream().filter(s -> LINK.matcher(s.body()).find()).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(sms).as("an alert SMS with a link").isNotNull();
        RecordingCallControl.Sms alert = sms;
        recipient = node.app.assembly().adapters().contacts().list(node.demo.id()).stream()
                .filter(c -> c.phone().equals(alert.to())).findFirst().orElseThrow();
        Matcher m = LINK.matcher(sms.body());
        assertThat(m.find()).isTrue();
        link = m.group(1);
        // the name folded into GSM-7 (an em dash becomes "-"), the protected person's number, the link
        assertThat(sms.body()).contains("Jeanne Dupont", "+33612345678").doesNotContain("—");

        long t0 = System.nanoTime();
        browser.get(link);
        waitUpTo(15).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "1"));
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        String readyMs = browser.findElement(By.tagName("body")).getAttribute("data-ready-ms");
        System.out.printf("family page: interactive %s ms after navigation start (%d ms wall clock, phone emulation)%n", readyMs, wallMs);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.id("title")).getText()).contains(node.demo.displayName());
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En direct");
        assertThat(browser.findElement(By.id("call-her")).getAttribute("href")).isEqualTo("tel:+33612345678");
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith(recipient.name());
        assertThat(browser.findElements(By.cssSelector("#actions .btn"))).hasSizeGreaterThanOrEqualTo(6);
        // a phone-sized page: nothing wider than the screen, big touch targets
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        assertThat(browser.findElement(By.id("act-join")).getSize().getHeight()).isGreaterThanOrEqualTo(56);
        shot("01-appel-en-direct");
    }

    @Test
    @Order(2)
    void joinAddsTheRelativesPhoneOnceAnnounced() throws Exception {
        browser.findElement(By.id("act-join")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Votre téléphone va sonner"));
        assertThat(node.telephony.relativesJoined()).singleElement().satisfies(j -> {
            assertThat(j.relative()).isEqualTo(recipient.phone());
            assertThat(j.callerId().e164()).isEqualTo(node.demo.number());
            assertThat(j.announcement()).contains(node.demo.displayName());
        });
        assertThat(browser.findElements(By.id("act-join"))).isEmpty();
        shot("02-rejoindre");
    }

    @Test
    @Order(3)
    void endAsksForAConfirmationThenEndsTheCallOnce() throws Exception {
        browser.findElement(By.id("act-end")).click();
        waitUpTo(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-end")));
        assertThat(node.telephony.endedWithNotice()).isEmpty();
        shot("03-confirmer-raccrocher");
        browser.findElement(By.id("confirm-yes")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "raccroché"));
        assertThat(node.telephony.endedWithNotice()).singleElement()
                .satisfies(e -> assertThat(e.notice()).startsWith(recipient.name() + ", un de vos proches"));
    }

    @Test
    @Order(4)
    void imOnItTellsTheOtherContactsAndThePageFollowsTheCallToItsEnd() throws Exception {
        browser.findElement(By.id("act-handling")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "vous vous en occupez"));
        // the notices go through the alert outbox: delivered by the workers, moments after the page says so
        waitUpTo(10).until(d -> node.telephony.smsSent().stream().anyMatch(s -> s.idempotencyKey().contains(":family_handling:")));
        List<RecordingCallControl.Sms> told = node.telephony.smsSent().stream()
                .filter(s -> s.idempotencyKey().contains(":family_handling:")).toList();
        assertThat(told).isNotEmpty().noneMatch(s -> s.to().equals(recipient.phone()))
                .allMatch(s -> s.body().startsWith("Ethiq : " + recipient.name() + " s'occupe"));
        assertThat(browser.findElement(By.id("facts")).getText()).contains(recipient.name());
        shot("04-je-m-en-occupe");
        CallSimulator.Outcome outcome = call.get();
        assertThat(outcome.fraudDetected()).isTrue();
        waitUpTo(15).until(ExpectedConditions.textToBe(By.id("status"), "Appel terminé"));
        assertThat(browser.findElements(By.id("act-join"))).isEmpty();
        assertThat(browser.findElements(By.id("act-end"))).isEmpty();
        shot("05-appel-termine");
    }

    @Test
    @Order(5)
    void anUnknownLinkShowsTheExpiryPage() throws Exception {
        browser.get(node.baseUrl() + "/f/" + "B".repeat(22));
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("gone")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ce lien n'est plus valable");
        shot("06-lien-expire");
    }
}
