package com.truustrules.action.report;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Recipients;
import com.truustrules.action.Setting;
import java.util.List;
import java.util.Map;

/** The report action: a CSV of yesterday's firings mailed to 'to', under 'subject' or a subject naming the day. */
public final class ReportAction implements ActionType {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("to"), Setting.optional("subject"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        Recipients.checkWritten(name(), settings);
    }
}
