package com.truustrules.action.promo;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The promo-code action: 'pool' names pools/NAME.txt beside the rules, whose codes are imported into promo_code. */
public final class PromoCodeAction implements ActionType {

    /** promo_code.pool's width: a longer name would be refused by the database at every firing. */
    static final int POOL_WIDTH = 100;

    @Override
    public String name() {
        return "promo-code";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("pool"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        String pool = settings.get("pool").toString();
        if (!pool.matches("[A-Za-z0-9_-]+")) {
            throw new InvalidSetting("a pool name is letters, digits, '-' and '_', not '" + pool + "'");
        }
        if (pool.length() > POOL_WIDTH) {
            throw new InvalidSetting("a pool name has at most " + POOL_WIDTH + " characters (the database column's width), not "
                    + pool.length());
        }
        Path file = load.dir().resolve("pools").resolve(pool + ".txt");
        if (!Files.isRegularFile(file)) {
            throw new InvalidSetting("promo-code pool '" + pool + "' has no file " + load.dir().relativize(file));
        }
    }
}
