package com.truustrules.truust;

/** Truust answered 2xx with a body we cannot read: for that call the API is as good as away. */
class TruustAnswerException extends TruustUnavailableException {

    TruustAnswerException(String message) {
        super("unreadable answer from Truust: " + message, null);
    }
}
