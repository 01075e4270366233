package com.ethiq.app.api;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.management.onboarding.NumberPoolOperations;
import com.ethiq.core.management.onboarding.NumberProvisioning;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The platform operators' number pool: list, search at Twilio, buy, import, reconcile. */
final class PlatformController {
    private final NumberPoolOperations pool;

    PlatformController(NumberPoolOperations pool) {
        this.pool = pool;
    }

    ApiResult list(ApiCall call) {
        String state = call.query("state");
        List<NumberPoolOperations.PoolNumber> numbers = pool.list(call.actor(), call.query("region"),
                state == null ? null : NumberPoolOperations.State.fromWire(state));
        Map<String, Integer> counts = new TreeMap<>();
        numbers.forEach(n -> counts.merge(n.state().wire(), 1, Integer::sum));
        return ApiResult.ok(new ApiViews.PoolNumberList(numbers.stream().map(ApiViews.PoolNumber::of).toList(), counts));
    }

    ApiResult search(ApiCall call) {
        String country = call.query("country");
        if (country == null) {
            throw ApiException.badRequest("'country' is required (ISO code like FR)");
        }
        return ApiResult.ok(new ApiViews.OfferedNumberList(pool.search(call.actor(), country.toUpperCase(Locale.ROOT),
                        call.query("area"), call.intQuery("limit", 20, 1, 50)).stream()
                .map(o -> new ApiViews.OfferedNumber(o.number().e164(), o.isoCountry(), o.area())).toList()));
    }

    ApiResult buy(ApiCall call) {
        ApiRequests.BuyNumbers b = call.body(ApiRequests.BuyNumbers.class);
        List<PhoneNumber> bought = pool.buy(call.actor(), b.region(), numbers(b.numbers(), b.region()), b.country(), b.area(), b.count());
        return ApiResult.created(new ApiViews.PoolChange(b.region(), bought.stream().map(PhoneNumber::e164).toList()));
    }

    ApiResult importOwned(ApiCall call) {
        ApiRequests.ImportNumbers b = call.body(ApiRequests.ImportNumbers.class);
        List<PhoneNumber> added = pool.importOwned(call.actor(), b.region(), numbers(b.numbers(), b.region()));
        return ApiResult.created(new ApiViews.PoolChange(b.region(), added.stream().map(PhoneNumber::e164).toList()));
    }

    ApiResult reconcile(ApiCall call) {
        boolean repair = Boolean.TRUE.equals(call.boolQuery("repair"));
        List<NumberProvisioning.Drift> drifts = pool.reconcile(call.actor(), repair);
        List<ApiViews.Drift> items = drifts.stream().map(d -> new ApiViews.Drift(d.number().e164(),
                d.kind().name().toLowerCase(Locale.ROOT), d.tenant() == null ? null : d.tenant().value(), d.repaired())).toList();
        return ApiResult.ok(new ApiViews.Reconciliation(repair, items.size(),
                (int) items.stream().filter(ApiViews.Drift::repaired).count(), items));
    }

    /** Numbers as typed → E.164 (national ones read in the pool's region); a bad one is a 400 naming the field. */
    private static List<PhoneNumber> numbers(List<String> raw, String region) {
        if (raw == null) {
            return List.of();
        }
        String country = region == null || region.isBlank() ? PhoneNumbers.DEFAULT_COUNTRY : region;
        return raw.stream().map(n -> {
            if (n == null) {
                throw FieldProblem.of("numbers", "required", "'numbers' must not hold null");
            }
            return PhoneNumber.of(PhoneNumbers.toE164("numbers", n, country));
        }).toList();
    }
}
