package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cues linked across turns: parsing, the gap, the evidence, and the packs' links in a live session. */
class CueLinksTest {

    private static FraudCue cue(String rule, int turn) {
        return new FraudCue(CueKind.REQUEST, ScamCategory.FAKE_BANK_ADVISER, rule, "said " + rule, turn,
                Speaker.CALLER, 0.3);
    }

    private static final CueLinks LINKS = new CueLinks(List.of(
            CueLinks.parse("req.linked request 0.8 = req.announce | pre.code* > req.read_it")));

    @Test
    void parsesIdKindWeightAndBothSides() {
        CueLinks.Link l = CueLinks.parse("x.y pretext 0.5 = a | b* > c|d");
        assertThat(l.id()).isEqualTo("x.y");
        assertThat(l.kind()).isEqualTo(CueKind.PRETEXT);
        assertThat(l.weight()).isEqualTo(0.5);
        assertThat(l.first()).containsExactly("a", "b*");
        assertThat(l.then()).containsExactly("c", "d");
        assertThat(LINKS.size()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedLinks() {
        assertThatThrownBy(() -> CueLinks.parse("x request 0.5 a > b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CueLinks.parse("x request 0.5 = a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CueLinks.parse("x request = a > b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CueLinks.parse("x request nope = a > b")).hasMessageContaining("bad link weight");
        assertThatThrownBy(() -> CueLinks.parse("x request 1.5 = a > b")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> CueLinks.parse("x request 0 = a > b")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> CueLinks.parse("x request 0.5 = a > ")).hasMessageContaining("both sides");
        assertThatThrownBy(() -> CueLinks.parse("x request 0.5 =  > b")).hasMessageContaining("both sides");
        assertThat(CueLinks.parse("x request 1 = a > b").weight()).isEqualTo(1.0);
    }

    @Test
    void exactIdsAndPrefixesMatch() {
        assertThat(CueLinks.matches(List.of("req.a"), "req.a")).isTrue();
        assertThat(CueLinks.matches(List.of("req.a"), "req.ab")).isFalse();
        assertThat(CueLinks.matches(List.of("req.a*"), "req.ab")).isTrue();
        assertThat(CueLinks.matches(List.of("x", "req.a*"), "req.b")).isFalse();
    }

    @Test
    void aLaterReadOfAnAnnouncedCodeAddsOneExplainedCue() {
        List<FraudCue> window = List.of(cue("req.announce", 2), cue("req.read_it", 4));
        List<FraudCue> out = LINKS.apply(window);
        assertThat(out).hasSize(3).startsWith(window.get(0), window.get(1));
        FraudCue linked = out.get(2);
        assertThat(linked.ruleId()).isEqualTo("req.linked");
        assertThat(linked.kind()).isEqualTo(CueKind.REQUEST);
        assertThat(linked.weight()).isEqualTo(0.8);
        assertThat(linked.turn()).isEqualTo(4);
        assertThat(linked.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        assertThat(linked.evidence()).isEqualTo("said req.announce ... said req.read_it");
        // a prefix on the first side, the same turn, and the latest pair wins
        List<FraudCue> two = LINKS.apply(List.of(cue("pre.code.x", 1), cue("req.read_it", 1), cue("req.read_it", 3)));
        assertThat(two.get(3).turn()).isEqualTo(3);
        assertThat(two.get(3).evidence()).isEqualTo("said pre.code.x ... said req.read_it");
    }

    @Test
    void noLinkWhenTheOrderIsWrongTheGapTooLongOrASideMissing() {
        List<FraudCue> reversed = List.of(cue("req.read_it", 2), cue("req.announce", 3));
        assertThat(LINKS.apply(reversed)).isSameAs(reversed);
        List<FraudCue> far = List.of(cue("req.announce", 0), cue("req.read_it", CueLinks.MAX_GAP + 1));
        assertThat(LINKS.apply(far)).isSameAs(far);
        List<FraudCue> justInTime = List.of(cue("req.announce", 0), cue("req.read_it", CueLinks.MAX_GAP));
        assertThat(LINKS.apply(justInTime)).hasSize(3);
        List<FraudCue> alone = List.of(cue("req.read_it", 2));
        assertThat(LINKS.apply(alone)).isSameAs(alone);
        assertThat(CueLinks.NONE.apply(justInTime)).isSameAs(justInTime);
    }

    @Test
    void aPackLinkNamingNoRuleOrReusingAnIdFailsLoudly() {
        String head = "@language fr\nr1 request - 0.5 caller : bonjour\n";
        assertThatThrownBy(() -> LanguagePack.parse("t.rules", head + "@link l request 0.8 = r1 > nope\n"))
                .isInstanceOf(InvalidRulePackException.class).hasMessageContaining("t.rules:3").hasMessageContaining("nope");
        assertThatThrownBy(() -> LanguagePack.parse("t.rules", head + "@link r1 request 0.8 = r1 > r1\n"))
                .isInstanceOf(InvalidRulePackException.class).hasMessageContaining("duplicate");
        assertThat(LanguagePack.parse("t.rules", head + "@link l request 0.8 = r* > r1\n").links().size()).isEqualTo(1);
    }

    @Test
    void theFrenchPackLinksACodeAnnouncedThenAskedForByPronoun() {
        DetectionSession s = DetectionEngine.withDefaultPacks()
                .newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
        s.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 0, "bonjour je suis du service sécurité de votre banque"));
        s.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 1, "vous allez recevoir un message de la banque"));
        Verdict before = s.current();
        Verdict v = s.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 2, "vous pouvez me le lire"));
        assertThat(before).isNotInstanceOf(Verdict.Scam.class);
        assertThat(v).isInstanceOf(Verdict.Scam.class);
        assertThat(v.cues()).anySatisfy(c -> {
            assertThat(c.ruleId()).isEqualTo("req.code.announced_then_read");
            assertThat(c.evidence()).contains("recevoir un message").contains("me le lire");
        });
    }
}
