package com.truustrules.action.promo;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.action.promo.PromoCodes.Taken;
import com.truustrules.db.Jdbc;
import com.truustrules.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The promo-code action: binds one free code of the pool to the job's idempotency key, for good, so
 * that a retry or a second run after a crash gets the same code. Its result is read as promo.code.
 */
@ApplicationScoped
public class TakePromoCode implements ActionRunner {

    @Inject
    Transactions transactions;

    @Inject
    PromoPoolStock stock;

    @Inject
    ImportPromoPools importer;

    @Override
    public ActionKind kind() {
        return ActionKind.PROMO_CODE;
    }

    @Override
    public ActionOutcome run(ActionContext context) throws SQLException {
        String pool = String.valueOf(context.spec().get("pool"));
        for (int attempt = 1;; attempt++) {
            try {
                return take(pool, context);
            } catch (SQLException e) {
                // The same key taken at the same moment elsewhere (a job run twice): look again, find it bound.
                if (attempt == 2 || !Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private ActionOutcome take(String pool, ActionContext context) throws SQLException {
        return transactions.commit(c -> takeIn(c, pool, context));
    }

    private ActionOutcome takeIn(Connection c, String pool, ActionContext context) throws SQLException {
        Optional<Taken> bound = PromoCodes.boundTo(c, context.idempotencyKey());
        if (bound.isPresent()) {
            return done(bound.get());
        }
        for (String code : PromoCodes.candidates(c, pool)) {
            if (PromoCodes.lockFree(c, pool, code)) {
                PromoCodes.bind(c, pool, code, context.idempotencyKey(), context.now());
                return done(new Taken(pool, code));
            }
        }
        return nothingFree(c, pool);
    }

    private ActionOutcome nothingFree(Connection c, String pool) throws SQLException {
        if (PromoCodes.free(c, pool) > 0) {
            return ActionOutcome.retry("every free code of pool " + pool + " read was being taken by another job");
        }
        Optional<String> notReady = importer.notReady(pool);
        if (notReady.isPresent()) {
            return ActionOutcome.retry("promo-code pool " + pool + " is not ready: " + notReady.get());
        }
        stock.exhausted(pool);
        return ActionOutcome.failed("promo-code pool " + pool + " is exhausted");
    }

    private static ActionOutcome done(Taken taken) {
        return ActionOutcome.done(Map.of("code", taken.code(), "pool", taken.pool()));
    }
}
