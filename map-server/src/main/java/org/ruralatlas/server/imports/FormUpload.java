package org.ruralatlas.server.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadFileCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.ruralatlas.data.text.PlainText;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.security.ParameterText;

/**
 * An import sent as a browser form ({@code multipart/form-data}, as {@code curl -F file=@farms.gpkg}): one file part
 * and, optionally, the import's parameters as text fields. Read as a stream with Commons FileUpload after the caller
 * is known (the container is told never to parse such bodies), straight to the scratch file, so memory stays bounded
 * and nothing is spooled for anyone who may not import.
 */
final class FormUpload {

    /** The parameters a form may carry beside the file, as in the query string. */
    static final Set<String> FIELDS = Set.of("dryRun", "crs", "mapping", "format", "table");

    private static final int MAX_FIELD = 16 * 1024;
    private static final int MAX_PARTS = 8;

    /** The file written to {@code target}, its declared media type (may be null) and the text fields. */
    record Received(Path file, String contentType, Map<String, String> fields) {}

    private FormUpload() {}

    static boolean is(HttpServletRequest request) {
        return JakartaServletFileUpload.isMultipartContent(request);
    }

    /** The form's file into {@code target}; 413 past {@code max} bytes, 400 naming the part for anything else. */
    static Received read(HttpServletRequest request, Path target, long max) {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(max);
        upload.setSizeMax(max + (long) MAX_PARTS * MAX_FIELD);
        upload.setFileCountMax(MAX_PARTS);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        String contentType = null;
        boolean file = false;
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    field(part, fields);
                } else if (file) {
                    throw ApiException.badParameter("file", "an import takes one file; this form sends more");
                } else {
                    copy(part, target);
                    file = true;
                    contentType = part.getContentType();
                }
            }
        } catch (FileUploadFileCountLimitException e) {
            throw ApiException.badParameter("body", "an import form has at most " + MAX_PARTS + " parts");
        } catch (FileUploadSizeException e) {
            throw ApiException.tooLarge("body", "an import takes files of at most " + max + " bytes");
        } catch (IOException e) {
            throw ApiException.badParameter(
                    "body", "the multipart/form-data body is malformed or cut short: " + e.getMessage());
        }
        if (!file) {
            throw ApiException.badParameter("file", "the form has no file: send it as a part with a filename");
        }
        return new Received(target, contentType, fields);
    }

    private static void field(FileItemInput part, Map<String, String> fields) throws IOException {
        String name = part.getFieldName();
        if (!FIELDS.contains(name)) {
            throw ApiException.badParameter(
                    name,
                    "an import form takes one file and the fields "
                            + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        byte[] value;
        try (InputStream in = part.getInputStream()) {
            value = in.readNBytes(MAX_FIELD + 1);
        }
        if (value.length > MAX_FIELD) {
            throw ApiException.badParameter(name, name + " is longer than " + MAX_FIELD + " bytes");
        }
        String text =
                PlainText.utf8(value).orElseThrow(() -> ApiException.badParameter(name, name + " is not UTF-8 text"));
        if (!ParameterText.acceptable(text)) {
            throw ApiException.badParameter(name, name + " holds a control character (such as NUL)");
        }
        if (fields.putIfAbsent(name, text) != null) {
            throw ApiException.badParameter(name, name + " is given twice");
        }
    }

    private static void copy(FileItemInput part, Path target) throws IOException {
        try (InputStream in = part.getInputStream();
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }
}
