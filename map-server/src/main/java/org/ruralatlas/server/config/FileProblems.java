package org.ruralatlas.server.config;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A file-system failure said as a short phrase naming the file, for one-line start-up errors. */
final class FileProblems {

    private FileProblems() {}

    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way (a file where a folder is needed)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return e == null
                ? "unknown error"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
