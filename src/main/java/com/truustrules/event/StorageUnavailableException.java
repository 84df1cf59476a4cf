package com.truustrules.event;

/** Storage could not commit in time; the caller must not acknowledge. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
