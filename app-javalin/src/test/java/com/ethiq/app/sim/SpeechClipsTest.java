package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulator's speech: a clip for every bundled line, each exactly as long as the scripted recogniser needs. */
class SpeechClipsTest {

    @Test
    void everyLineOfEveryBundledScriptHasAClipOfThreeHundredMillisecondsAWord() {
        SpeechClips clips = SpeechClips.bundledOnly();
        int lines = 0;
        for (CallScript script : CallScript.bundled()) {
            for (CallScript.Turn turn : script.turns()) {
                Optional<byte[]> clip = clips.clip(script.language(), turn.track(), turn.text());
                assertThat(clip).as(script.id() + ": " + turn.text()).isPresent();
                assertThat(clip.get()).hasSize(turn.words() * SpeechSynthesiser.MILLIS_PER_WORD * 8);
                lines++;
            }
        }
        assertThat(clips.bundledCount()).isEqualTo(lines);
        assertThat(lines).isEqualTo(36);
    }

    @Test
    void aLineWithoutAClipHasNoSpeechWhenNothingCanSynthesiseIt() {
        assertThat(SpeechClips.bundledOnly().clip("fr", "inbound", "une phrase qui n'est dans aucun script")).isEmpty();
    }

    @Test
    void aLineWithoutAClipIsSynthesisedAtRunTimeWhenEspeakAndSoxAreInstalled() {
        Optional<SpeechSynthesiser> synthesiser = SpeechSynthesiser.onPath();
        assumeTrue(synthesiser.isPresent(), "espeak-ng and sox are not on the PATH");
        SpeechClips clips = new SpeechClips(SpeechClips.class, SpeechClips.BUNDLED, synthesiser);
        byte[] made = clips.clip("fr", "outbound", "je rappellerai ma banque moi-même").orElseThrow();
        assertThat(made).hasSize(5 * 300 * 8);
        double rms = Math.sqrt(com.ethiq.core.audio.MuLaw.energy(made, 0, made.length) / (double) made.length);
        assertThat(20 * Math.log10(rms / 32768)).as("speech level, dBFS").isBetween(-30.0, -10.0);
        assertThat(clips.clip("fr", "outbound", "je  rappellerai ma banque moi-même ")).get().isSameAs(made);
    }

    @Test
    void runTimeSynthesisMakesTheSameAudioAsTheCommittedScript() throws Exception {
        Optional<SpeechSynthesiser> synthesiser = SpeechSynthesiser.onPath();
        assumeTrue(synthesiser.isPresent(), "espeak-ng and sox are not on the PATH");
        CallScript script = CallScript.bundled().get(0);
        CallScript.Turn turn = script.turns().get(1);
        byte[] bundled = SpeechClips.bundledOnly().clip(script.language(), turn.track(), turn.text()).orElseThrow();
        byte[] made = synthesiser.get().synthesise(SpeechSynthesiser.voice(script.language(), turn.track()), turn.text());
        // byte for byte with the same espeak-ng and sox (1.51 and 14.4.2 here): no dither, one sox run, same arguments
        assertThat(made).isEqualTo(bundled);
    }
}
