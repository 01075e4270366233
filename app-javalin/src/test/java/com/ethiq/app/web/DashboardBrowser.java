package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium + chromium-driver) at a given window size, with what the dashboard tests
 * share: waits, screenshots to {@code target/screenshots/}, an axe-core scan that fails on a violation of any impact,
 * and the browser console kept next to the screenshots.
 */
final class DashboardBrowser implements AutoCloseable {
    static final File CHROMIUM = new File(System.getenv().getOrDefault("ETHIQ_CHROMIUM", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getenv().getOrDefault("ETHIQ_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final Path profile;
    private final String prefix;

    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
    }

    DashboardBrowser(int width, int height, String prefix) throws IOException {
        this.prefix = prefix;
        profile = Files.createTempDirectory("ethiq-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=fr-FR", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // --window-size sets the window; the page (viewport) is what the layout sees: make that the asked size
        resize(width, height);
        Files.createDirectories(SHOTS);
    }

    /** The page (viewport) gets exactly this size, whatever the window's own chrome takes. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js("return window.innerHeight")).longValue();
        if (innerWidth != width || innerHeight != height) {
            driver.manage().window().setSize(new Dimension(2 * width - (int) innerWidth, 2 * height - (int) innerHeight));
        }
    }

    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(prefix + name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    void title(String text) {
        waitUpTo(15).until(ExpectedConditions.textToBe(By.id("page-title"), text));
    }

    /** Clicks an element the page may redraw under us (live updates): finds it afresh until the click lands. */
    void click(By by) {
        waitUpTo(15).until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (StaleElementReferenceException | org.openqa.selenium.ElementNotInteractableException e) {
                return false;
            }
        });
    }

    /** On a phone the navigation and the tools sit behind the menu button. */
    void openMenu() {
        WebElement toggle = driver.findElement(By.id("menu-toggle"));
        if (toggle.isDisplayed() && !"true".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
    }

    /** Goes to a page through the navigation. */
    void nav(String label, String title) {
        openMenu();
        click(By.linkText(label));
        title(title);
    }

    void logout() {
        openMenu();
        click(By.id("logout"));
        waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    /** axe-core over the whole page: no violation of any impact (critical, serious, moderate or minor). */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> violations = results.getViolations();
        String report = violations.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " → "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(violations).as("axe-core on " + page + ":\n" + report).isEmpty();
    }

    /** Nothing is wider than the viewport (no sideways scrolling on a phone). */
    void assertNoOverflow(String page) {
        Object widest = js("const w = document.documentElement.clientWidth; const out = [];"
                + "for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();"
                + " if (r.width > 0 && (r.right > w + 1 || r.left < -1) && !el.closest('.sr-only,.skip,thead'))"
                + " out.push(el.tagName + '#' + el.id + '.' + el.className + ' ' + Math.round(r.left) + '-' + Math.round(r.right)); }"
                + "return out.slice(0, 5).join('; ')");
        assertThat(widest).as("elements wider than the viewport on " + page).isEqualTo("");
        assertThat(((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue())
                .as("sideways scroll on " + page).isLessThanOrEqualTo(0L);
    }

    @Override
    public void close() throws IOException {
        StringBuilder console = new StringBuilder();
        driver.manage().logs().get(LogType.BROWSER).forEach(e -> console.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        Files.writeString(SHOTS.resolve(prefix + "browser-console.log"), console.toString());
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
