package com.ethiq.core.fake;

import com.ethiq.core.port.PersistenceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database outage on demand, for tests: ports wrapped by {@link #wrap} throw {@link PersistenceException} on every
 * call while {@link #down()} is in effect, as the JDBC adapters do when PostgreSQL is unreachable, and pass calls
 * through otherwise. One switch for all the ports it wraps, like one database. Thread-safe.
 */
public final class StoreOutage {
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();

    public void down() {
        down.set(true);
    }

    public void up() {
        down.set(false);
    }

    public boolean isDown() {
        return down.get();
    }

    /** Calls refused while down, since creation. */
    public long refused() {
        return refused.get();
    }

    /** {@code delegate} seen through this outage: every method throws while down. */
    public <T> T wrap(Class<T> port, T delegate) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
            }
            if (down.get()) {
                refused.incrementAndGet();
                throw new PersistenceException("store unavailable (simulated outage): " + port.getSimpleName() + "."
                        + method.getName(), null);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return port.cast(proxy);
    }
}
