package com.ethiq.core.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.contract.SpeechScriptsContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySpeechScriptsContractTest extends SpeechScriptsContract {
    @Override
    protected SpeechScripts create() {
        return new InMemorySpeechScripts();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }

    @Override
    protected CallSid newCall(TenantId tenant) {
        return ContractFixtures.callSid();
    }

    @Test
    void watchersAreToldInProcessOfEachAppendOnceItsLinesCanBeRead() {
        InMemorySpeechScripts scripts = new InMemorySpeechScripts();
        TenantId tenant = newTenant();
        CallSid call = newCall(tenant);
        List<List<SpeechScripts.Line>> readWhenTold = new ArrayList<>();
        scripts.watch(track -> readWhenTold.add(scripts.unheard(track.tenant(), track.callSid(), track.speaker(), 0)));
        scripts.watch(track -> {
            throw new IllegalStateException("a failing watcher does not stop the others, nor the append");
        });

        scripts.append(tenant, call, Speaker.CALLEE, List.of("allo"));
        scripts.append(tenant, call, Speaker.CALLEE, List.of());

        assertThat(readWhenTold).as("told once, for the append with lines").containsExactly(List.of(new SpeechScripts.Line(0, "allo")));
    }
}
