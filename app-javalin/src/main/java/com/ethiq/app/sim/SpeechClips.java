package com.ethiq.app.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speech the simulator plays for a scripted line: the bundled clip of that line (every line of the bundled scripts,
 * made by {@code app-javalin/tools/make-speech-clips.sh}; index {@code clips.tsv}: file, voice, language, text), else
 * speech synthesised at run time when espeak-ng and sox are on the PATH, else nothing (the caller then plays a tone).
 * Every clip lasts exactly 300 ms a word, the simulated recogniser's pace. Thread-safe; synthesised clips are cached.
 */
public final class SpeechClips {
    /** Resource folder of the simulator's clips. */
    public static final String BUNDLED = "/com/ethiq/app/sim/speech/";
    private static final Logger log = LoggerFactory.getLogger(SpeechClips.class);
    private static volatile SpeechClips shared;

    private final Class<?> anchor;
    private final String folder;
    private final Map<String, String> files;
    private final Optional<SpeechSynthesiser> synthesiser;
    private final Map<String, byte[]> made = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failed = new ConcurrentHashMap<>();

    SpeechClips(Class<?> anchor, String folder, Optional<SpeechSynthesiser> synthesiser) {
        this.anchor = anchor;
        this.folder = folder;
        this.files = index(anchor, folder);
        this.synthesiser = synthesiser;
    }

    /** The bundled clips, and run-time synthesis when the tools are installed. One per JVM. */
    public static SpeechClips shared() {
        SpeechClips s = shared;
        if (s == null) {
            synchronized (SpeechClips.class) {
                if (shared == null) {
                    shared = new SpeechClips(SpeechClips.class, BUNDLED, SpeechSynthesiser.onPath());
                }
                s = shared;
            }
        }
        return s;
    }

    /** Clips from another resource folder with the same {@code clips.tsv} index (the load harness's). */
    public static SpeechClips of(Class<?> anchor, String folder) {
        return new SpeechClips(anchor, folder, SpeechSynthesiser.onPath());
    }

    /** Bundled clips only, whatever is installed (tests). */
    static SpeechClips bundledOnly() {
        return new SpeechClips(SpeechClips.class, BUNDLED, Optional.empty());
    }

    public boolean canSynthesise() {
        return synthesiser.isPresent();
    }

    /** Number of clips in the index. */
    public int bundledCount() {
        return files.size();
    }

    /**
     * 8 kHz mu-law speech of {@code text} in the voice of {@code track} ({@code inbound}: the caller,
     * {@code outbound}: the protected person), exactly 300 ms a word; empty if there is no clip and no synthesiser
     * (or synthesis failed, logged once per line).
     */
    public Optional<byte[]> clip(String language, String track, String text) {
        String voice = SpeechSynthesiser.voice(language, track);
        String line = normalise(text);
        String file = files.get(key(voice, line));
        if (file != null) {
            return Optional.of(load(file));
        }
        if (synthesiser.isEmpty()) {
            return Optional.empty();
        }
        String key = key(voice, line);
        byte[] cached = made.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (failed.containsKey(key)) {
            return Optional.empty();
        }
        try {
            byte[] audio = synthesiser.get().synthesise(voice, line);
            made.put(key, audio);
            return Optional.of(audio);
        } catch (IOException e) {
            failed.put(key, Boolean.TRUE);
            log.warn("speech synthesis failed for a {} line ({}): a tone stands in for it", track, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private byte[] load(String file) {
        try (InputStream in = anchor.getResourceAsStream(folder + file)) {
            if (in == null) {
                throw new IllegalStateException("speech clip " + folder + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> index(Class<?> anchor, String folder) {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = anchor.getResourceAsStream(folder + "clips.tsv")) {
            if (in == null) {
                return out;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String row;
            while ((row = reader.readLine()) != null) {
                String[] f = row.split("\t", 4);
                if (f.length == 4) {
                    out.put(key(f[1], normalise(f[3])), f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String key(String voice, String line) {
        return voice + "\t" + line;
    }

    static String normalise(String text) {
        return String.join(" ", text.strip().split("\\s+")).toLowerCase(Locale.ROOT);
    }
}
