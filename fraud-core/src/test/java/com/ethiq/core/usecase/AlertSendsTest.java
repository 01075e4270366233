package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.CallControl;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A raised scam's sends ({@link AlertDispatcher#deliverClaimed}) on the executors of {@link AlertDispatcher.Sends}:
 * an SMS never waits behind an announcement's conference look-up, and the send threads do not write the outcomes.
 */
class AlertSendsTest {
    private final CoreHarness h = new CoreHarness();
    private final Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
    private final ExecutorService texts = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-sms"));
    private final ExecutorService announcements = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-announce"));
    private final ExecutorService outcomes = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-outcomes"));
    /** Holds every announcement as a slow conference look-up would. */
    private final CountDownLatch lookUpAnswers = new CountDownLatch(1);
    private final CountDownLatch twoSmsSent = new CountDownLatch(2);
    private final Set<String> sendThreads = ConcurrentHashMap.newKeySet();
    private final Set<String> markThreads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        lookUpAnswers.countDown();
        texts.shutdownNow();
        announcements.shutdownNow();
        outcomes.shutdownNow();
    }

    private final CallControl provider = (CallControl) Proxy.newProxyInstance(CallControl.class.getClassLoader(),
            new Class<?>[]{CallControl.class}, (proxy, method, args) -> {
                sendThreads.add(Thread.currentThread().getName());
                if (method.getName().equals("announce")) {
                    lookUpAnswers.await(10, TimeUnit.SECONDS);
                    return new CallControl.DeliveryReceipt("CF1", "announcement-requested");
                }
                if (method.getName().equals("sendSms")) {
                    twoSmsSent.countDown();
                    return new CallControl.DeliveryReceipt("SM" + args[4].hashCode(), "queued");
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final AlertOutbox outbox = (AlertOutbox) Proxy.newProxyInstance(AlertOutbox.class.getClassLoader(),
            new Class<?>[]{AlertOutbox.class}, (proxy, method, args) -> {
                if (method.getName().equals("markSent")) {
                    markThreads.add(Thread.currentThread().getName());
                }
                try {
                    return method.invoke(h.outbox, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private final AlertDispatcher dispatcher = new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, h.usage, h.audit),
            h.tenants, provider, h.ids, h.clock,
                Runnable::run, new AlertDispatcher.Sends(texts, announcements, outcomes), AlertDispatcher.Settings.DEFAULT);

    /** A scam's alerts as AlertService records them: the announcement first, then the SMS. */
    private List<Alert> scam(String callSid) {
        CallSid call = CallSid.of(callSid);
        List<Alert> alerts = List.of(
                Alert.pending(h.ids.newId(), t.id(), call, new AlertRecipient.Conference(ConferenceName.forCall(t.id(), call)),
                        "Attention", Language.FRENCH, h.clock.instant()),
                Alert.pending(h.ids.newId(), t.id(), call, new AlertRecipient.Phone(PhoneNumber.of("+33611111111")),
                        "Alerte", Language.FRENCH, h.clock.instant()));
        return h.outbox.enqueueClaimed(alerts, h.clock.instant().plus(dispatcher.lease()));
    }

    @Test
    void theSmsOfTwoScamsGoOutWhileTheirAnnouncementsWaitOnTheConferenceLookUp() throws Exception {
        List<Alert> first = scam("CA1");
        List<Alert> second = scam("CA2");
        dispatcher.deliverClaimed(t, first);
        dispatcher.deliverClaimed(t, second);

        assertThat(twoSmsSent.await(5, TimeUnit.SECONDS)).as("both SMS sent while the first announcement is held").isTrue();
        assertThat(lookUpAnswers.getCount()).isOne();

        lookUpAnswers.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !allSent(first, second)) {
            Thread.sleep(10);
        }
        assertThat(allSent(first, second)).as("all four marked sent").isTrue();
        assertThat(sendThreads).containsExactlyInAnyOrder("test-sms", "test-announce");
        assertThat(markThreads).as("outcomes are marked off the send threads").containsExactly("test-outcomes");
        assertThat(h.audit.recent(t.id(), 10)).filteredOn(e -> e.action().equals("alert.sent")).hasSize(4);
    }

    private boolean allSent(List<Alert> first, List<Alert> second) {
        return java.util.stream.Stream.of(first, second).flatMap(List::stream)
                .allMatch(a -> h.outbox.forCall(t.id(), a.callSid()).stream()
                        .filter(stored -> stored.id().equals(a.id()))
                        .allMatch(stored -> stored.status() == AlertStatus.SENT));
    }

    @Test
    void onOneExecutorTheSmsGoFirst() {
        java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        CallControl inOrder = (CallControl) Proxy.newProxyInstance(CallControl.class.getClassLoader(),
                new Class<?>[]{CallControl.class}, (proxy, method, args) -> {
                    order.add(method.getName());
                    return new CallControl.DeliveryReceipt("X" + order.size(), "queued");
                });
        AlertDispatcher inline = new AlertDispatcher(h.outbox, new ComposedAlertOutcomes(h.outbox, h.usage, h.audit),
                h.tenants, inOrder, h.ids, h.clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        inline.deliverClaimed(t, scam("CA3"));
        assertThat(order).containsExactly("sendSms", "announce");
    }
}
