package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.TestWorld;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallQueryServiceTest {
    private final TestWorld w = new TestWorld();

    @Test
    void pagesThroughFilteredCallsWithoutGapsOrDuplicates() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(a);
        Instant start = Instant.parse("2025-02-01T00:00:00Z");
        int scams = 0;
        for (int i = 0; i < 300; i++) {
            CallSid sid = CallSid.of("CA" + i);
            w.callLogs.open(CallLog.started(t, sid, "+33611111111", start.plusSeconds(i * 60L), CallProtection.PROTECTED));
            if (i % 7 == 0) {
                w.callLogs.recordVerdict(t, sid, new Verdict.Scam(0.9, ScamCategory.values()[1], List.of(), "x"));
                scams++;
            }
        }
        List<CallLog> seen = new ArrayList<>();
        Instant cursor = null;
        int pages = 0;
        do {
            var page = w.core.calls().list(a, t, new CallQueryService.CallFilter(cursor, 10, true, null, null)).page();
            seen.addAll(page.items());
            cursor = page.nextCursor() == null ? null : Instant.parse(page.nextCursor());
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).hasSize(scams).allMatch(CallLog::fraudDetected).extracting(CallLog::callSid).doesNotHaveDuplicates();
        var since = w.core.calls().list(a, t, new CallQueryService.CallFilter(null, 200, null, start.plusSeconds(250 * 60L), null));
        assertThat(since.page().items()).hasSize(50);
        assertThat(since.page().nextCursor()).isNull();
    }

    @Test
    void detailGivesTranscriptAndAuditsTheRead() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(a);
        CallSid sid = CallSid.of("CAdetail");
        w.callLogs.open(CallLog.started(t, sid, "+33611111111", Instant.parse("2025-02-01T00:00:00Z"), CallProtection.PROTECTED));
        w.callLogs.appendSegment(t, sid, TranscriptSegment.finalText(Speaker.CALLER, 0, "Bonjour, ici votre banque"));
        var d = w.core.calls().detail(a, t, sid);
        assertThat(d.transcript()).extracting(TranscriptSegment::text).containsExactly("Bonjour, ici votre banque");
        assertThat(w.audit.events(t)).extracting(AuditEvent::action).contains("call.transcript_read");
        Actor viewer = w.member(t, Role.VIEWER);
        var metadata = w.core.calls().detail(viewer, t, sid);
        assertThat(metadata.transcript()).isEmpty();
        assertThat(metadata.transcriptWithheld()).contains(CallQueryService.Withheld.ROLE_CANNOT_READ_TRANSCRIPTS);
        assertThat(w.audit.events(t)).filteredOn(e -> e.action().equals("call.transcript_read")).hasSize(1);
        assertThatThrownBy(() -> w.core.calls().detail(a, t, CallSid.of("CAother"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aClearCallsTranscriptIsTheOwnersOnlyAScamCallsEveryReadersWithTheRight() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        Actor admin = w.member(t, Role.ADMIN);
        CallSid clear = CallSid.of("CAdoctor");
        w.callLogs.open(CallLog.started(t, clear, "+33611111111", Instant.parse("2025-02-01T00:00:00Z"), CallProtection.PROTECTED));
        w.callLogs.appendSegment(t, clear, TranscriptSegment.finalText(Speaker.CALLER, 0, "Votre ordonnance est prête"));
        CallSid scam = CallSid.of("CAscam");
        w.callLogs.open(CallLog.started(t, scam, "+33622222222", Instant.parse("2025-02-01T01:00:00Z"), CallProtection.PROTECTED));
        w.callLogs.appendSegment(t, scam, TranscriptSegment.finalText(Speaker.CALLER, 0, "Donnez-moi le code"));
        w.callLogs.recordVerdict(t, scam, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "request 'code'"));

        assertThat(w.core.calls().detail(owner, t, clear).transcript()).hasSize(1);
        var adminClear = w.core.calls().detail(admin, t, clear);
        assertThat(adminClear.transcript()).isEmpty();
        assertThat(adminClear.transcriptWithheld()).contains(CallQueryService.Withheld.CLEAR_CALL_OWNER_ONLY);
        assertThat(adminClear.call().caller()).isEqualTo("+33611111111");
        assertThat(adminClear.call().explanation()).isEmpty();
        var adminScam = w.core.calls().detail(admin, t, scam);
        assertThat(adminScam.transcript()).hasSize(1);
        assertThat(adminScam.transcriptWithheld()).isEmpty();

        Actor otherOwner = w.signUpAndLogIn(w.newEmail());
        TenantId other = w.newAccount(otherOwner);
        assertThatThrownBy(() -> w.core.calls().detail(otherOwner, t, clear)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.core.calls().detail(otherOwner, other, clear)).isInstanceOf(NotFoundException.class);
        assertThat(w.audit.events(t)).filteredOn(e -> e.action().equals("call.transcript_read"))
                .extracting(AuditEvent::target).containsExactly("CAdoctor", "CAscam");
    }
}
