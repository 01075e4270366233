package com.ethiq.app.load;

import com.ethiq.app.sim.TwilioCallSimulator.Account;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code LoadHarness --target http://host:port}: a node on another machine, which the harness drives without starting
 * anything locally. Its tenants are either given ({@code --target-tenants AC…:authToken:+33…[,…]}: the account the
 * webhooks are signed for and the number called) or, by default, the load plan's first {@code --tenants} tenants, which
 * is what a {@code LoadServer} started on that machine holds. Only plain http: the media generator speaks no TLS.
 */
record RemoteTarget(URI base, List<Account> accounts, List<String> numbers) {
    RemoteTarget {
        if (!"http".equals(base.getScheme()) || base.getPort() < 0) {
            throw new IllegalArgumentException("--target must be http://host:port (the media generator speaks no TLS; "
                    + "drive a node's plain port on a private network): " + base);
        }
        if (accounts.isEmpty() || accounts.size() != numbers.size()) {
            throw new IllegalArgumentException("--target needs at least one tenant");
        }
        accounts = List.copyOf(accounts);
        numbers = List.copyOf(numbers);
    }

    /** Null without {@code --target}. */
    static RemoteTarget from(Map<String, String> opts) {
        String target = opts.get("target");
        if (target == null) {
            return null;
        }
        URI base = URI.create(target.replaceAll("/+$", ""));
        List<Account> accounts = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        String given = opts.get("target-tenants");
        if (given != null) {
            for (String tenant : given.split(",")) {
                String[] parts = tenant.trim().split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("--target-tenants: expected accountSid:authToken:+number, got '" + tenant + "'");
                }
                accounts.add(new Account(parts[0], parts[1]));
                numbers.add(parts[2]);
            }
        } else {
            int n = Integer.parseInt(opts.getOrDefault("tenants", "50"));
            for (int i = 0; i < n; i++) {
                accounts.add(LoadPlan.account(i));
                numbers.add(LoadPlan.number(i).e164());
            }
        }
        return new RemoteTarget(base, accounts, numbers);
    }

    int tenantCount() {
        return accounts.size();
    }

    Account account(int i) {
        return accounts.get(i);
    }

    String number(int i) {
        return numbers.get(i);
    }
}
