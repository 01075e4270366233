package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ethiq.app.sim.CallScript;
import com.ethiq.app.sim.CallSimulator;
import com.ethiq.core.domain.EmergencyContact;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver): log in as the demo user, watch a
 * simulated scam call — driven over the real webhook and media WebSocket — appear live, turn into a scam and raise
 * alerts, open its transcript with the cues highlighted, edit an emergency contact, switch to English. Screenshots go
 * to {@code target/screenshots/}. Skipped when Chromium or its driver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final File CHROMIUM = new File(System.getenv().getOrDefault("ETHIQ_CHROMIUM", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getenv().getOrDefault("ETHIQ_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "screenshots");

    static DashboardNode node;
    static WebDriver browser;
    static Path profile;
    static ScheduledExecutorService ticks;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
        node = new DashboardNode(Duration.ofMillis(120));
        profile = Files.createTempDirectory("ethiq-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=fr-FR", "--user-data-dir=" + profile);
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        ticks = Executors.newScheduledThreadPool(2);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            // the browser's console, kept with the screenshots: any script error of the run is there
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(e -> console.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
            Files.writeString(SHOTS.resolve("browser-console.log"), console.toString());
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
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void logsInWithTheKeyboard() throws IOException {
        browser.get(node.baseUrl() + "/");
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.cssSelector("#login-form h1")).getText()).isEqualTo("Connexion");
        shot("01-connexion");
        // the e-mail field has focus: type, Tab to the password, Enter submits
        browser.switchTo().activeElement().sendKeys(node.demo.loginEmail());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(DashboardNode.PASSWORD, Keys.ENTER);
        waitUpTo(20).until(ExpectedConditions.textToBe(By.id("page-title"), "Appels"));
        waitUpTo(10).until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-live", "on"));
        assertThat(browser.findElement(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Appels");
        shot("02-appels-vide");
    }

    @Test
    @Order(2)
    void aSimulatedScamCallAppearsLiveAndRaisesAlerts() throws Exception {
        CallScript scam = CallScript.bundled().stream().filter(s -> s.id().equals("faux-conseiller")).findFirst().orElseThrow();
        CompletableFuture<CallSimulator.Outcome> call = CompletableFuture.supplyAsync(() ->
                new CallSimulator(node.target(), HttpClient.newHttpClient(), ticks,
                        new CallSimulator.Pacing(Duration.ofMillis(300), Duration.ofMillis(800), Duration.ofSeconds(8))).run(scam));

        WebElement card = waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".live-card")));
        assertThat(card.getText()).contains("Appel en cours");
        shot("03-appel-en-direct");
        waitUpTo(40).until(ExpectedConditions.attributeContains(By.cssSelector(".live-card"), "class", "scam"));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Alerte"));
        shot("04-arnaque-detectee");

        CallSimulator.Outcome outcome = call.get();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.fraudDetected()).isTrue();
        // the call ended: the card goes, the table shows it as a scam
        waitUpTo(20).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".live-card")));
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#calls-table tr[data-call-sid='" + outcome.callSid() + "']"), "Arnaque"));
        shot("05-appels-historique");

        // the table is redrawn on each live event: find the link afresh until the click lands
        String link = "#calls-table tr[data-call-sid='" + outcome.callSid() + "'] a";
        waitUpTo(15).until(d -> {
            try {
                d.findElement(By.cssSelector(link)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        waitUpTo(15).until(ExpectedConditions.textToBe(By.id("page-title"), "Détail de l’appel"));
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#transcript mark.cue")));
        List<WebElement> lines = browser.findElements(By.cssSelector("#transcript li"));
        assertThat(lines).hasSize(scam.turns().size());
        assertThat(browser.findElements(By.cssSelector("#cues li"))).isNotEmpty();
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#call-alerts .badge.sent")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#call-alerts tr[data-alert-kind=sms]"))).hasSize(2);
        shot("06-detail-appel");

        browser.findElement(By.linkText("Alertes")).click();
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).size() == 3);
        shot("07-alertes");
    }

    @Test
    @Order(3)
    void editsAnEmergencyContact() throws IOException {
        browser.findElement(By.linkText("Contacts")).click();
        waitUpTo(15).until(ExpectedConditions.textToBe(By.id("page-title"), "Contacts d’urgence"));
        WebElement first = waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#contacts-table tbody tr")));
        String id = first.getAttribute("data-contact-id");
        first.findElement(By.cssSelector("button.edit-contact")).click();
        WebElement name = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-name")));
        name.clear();
        name.sendKeys("Marie Dupont-Martin");
        WebElement phone = browser.findElement(By.id("contact-phone"));
        phone.clear();
        phone.sendKeys("+33 6 39 98 00 09");
        shot("08-contact-modification");
        browser.findElement(By.id("save-contact")).click();
        waitUpTo(15).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#contacts-table tr[data-contact-id='" + id + "']"), "Marie Dupont-Martin"));
        shot("09-contacts");
        EmergencyContact stored = node.contacts.find(node.demo.id(), java.util.UUID.fromString(id)).orElseThrow();
        assertThat(stored.name()).isEqualTo("Marie Dupont-Martin");
        assertThat(stored.phone().e164()).isEqualTo("+33639980009");
    }

    @Test
    @Order(4)
    void switchesToEnglishAndShowsSettingsAndUsage() throws IOException {
        browser.findElement(By.id("lang")).click();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("page-title"), "Emergency contacts"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.findElement(By.linkText("Settings")).click();
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("settings-form")));
        assertThat(browser.findElement(By.id("set-language")).getAttribute("value")).isEqualTo("fr");
        shot("10-settings-en");
        browser.findElement(By.linkText("Usage")).click();
        WebElement usage = waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("usage-table")));
        assertThat(usage.findElements(By.cssSelector("tbody tr"))).hasSize(6);
        shot("11-usage-en");
        browser.findElement(By.id("lang")).click();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("page-title"), "Consommation"));
    }

    @Test
    @Order(5)
    void aReloadAsksForThePasswordAgainAndTabReachesTheSkipLinkFirst() throws IOException {
        browser.navigate().refresh();
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        // a reload forgets the in-memory tokens: the password is asked again (documented choice)
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        // the first element in tab order is the skip link (no positive tabindex anywhere reorders it)
        Object first = js.executeScript("return [...document.querySelectorAll('a[href],button,input,select,textarea,[tabindex]')]"
                + ".filter(e => e.tabIndex >= 0 && !e.closest('[hidden]'))[0].className");
        assertThat(first).isEqualTo("skip");
        assertThat(js.executeScript("return document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"]):not([tabindex=\"0\"])').length"))
                .isEqualTo(0L);
        // and Enter on it moves the keyboard focus to the main content
        js.executeScript("document.querySelector('.skip').focus()");
        assertThat(browser.findElement(By.cssSelector(".skip")).getRect().getX()).isGreaterThanOrEqualTo(0);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUpTo(5).until(d -> "main".equals(d.switchTo().activeElement().getAttribute("id")));
        shot("12-lien-d-evitement");
    }

    @Test
    @Order(6)
    void logsInWithASecondFactor() throws IOException {
        // a member of the demo account who turned two-step verification on (through the identity core, as the API does)
        var core = node.management.identity();
        var users = node.management.stores().users();
        var email = com.ethiq.core.management.identity.EmailAddress.of("deux-etapes@ethiq.example.org");
        var user = com.ethiq.core.management.identity.User.signUp(new com.ethiq.core.management.identity.UserId(java.util.UUID.randomUUID()), email,
                "Paul (2FA)", users.findByEmail(com.ethiq.core.management.identity.EmailAddress.of(node.demo.loginEmail())).orElseThrow()
                        .passwordHash(), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        users.create(user);
        node.management.stores().memberships().add(new com.ethiq.core.management.identity.Membership(node.demo.id(), user.id(),
                com.ethiq.core.management.identity.Role.OWNER, java.time.Instant.now()));
        var origin = new com.ethiq.core.management.identity.RequestOrigin("127.0.0.1", "JUnit");
        var signedIn = (com.ethiq.core.management.identity.LoginResult.SignedIn) core.auth().login(
                new com.ethiq.core.management.identity.Credentials.Login(email.value(), DashboardNode.PASSWORD), origin);
        var actor = core.auth().authenticate(node.management.tokens().verifyAccess(signedIn.tokens().access().value()).orElseThrow(), origin);
        var enrolment = core.twoFactor().begin(actor);
        String code = new com.ethiq.app.security.Rfc6238TotpCodes().codeFor(com.ethiq.core.domain.Secret.of(enrolment.secret()),
                java.time.Instant.now().getEpochSecond() / 30);
        List<String> recovery = core.twoFactor().confirm(actor, code).recoveryCodes();

        WebElement email1 = waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        email1.sendKeys(email.value());
        browser.findElement(By.id("password")).sendKeys(DashboardNode.PASSWORD, Keys.ENTER);
        waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("code-form")));
        assertThat(browser.findElement(By.cssSelector("#code-form h1")).getText()).isEqualTo("Code de vérification");
        // the TOTP step just used is spent (no replay), so this login uses a single-use recovery code
        browser.findElement(By.id("recovery")).sendKeys(recovery.get(0));
        shot("13-verification-en-deux-etapes");
        browser.findElement(By.id("code-submit")).click();
        // signed in: the navigation shows, and the page the user was on comes back
        waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        waitUpTo(20).until(ExpectedConditions.invisibilityOfElementLocated(By.id("code-form")));
        browser.findElement(By.id("logout")).click();
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }
}
