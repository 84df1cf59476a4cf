package com.truustrules.action;

/** A setting of an action that can never work, found when the rules load; the message is the rule author's. */
public class InvalidSetting extends Exception {

    public InvalidSetting(String message) {
        super(message);
    }
}
